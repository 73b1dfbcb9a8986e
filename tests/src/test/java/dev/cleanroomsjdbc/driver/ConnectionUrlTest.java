package dev.cleanroomsjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The URL forms, the properties beside them, and what a malformed one tells the user. */
@Timeout(60)
class ConnectionUrlTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "jdbc:cleanrooms:nowhere                          | expected jdbc:cleanrooms:local",
      "jdbc:cleanrooms://us-east-1/m?colour=red         | unknown property 'colour'",
      "jdbc:cleanrooms://us-east-1/m?region             | 'region' is not key=value",
      "jdbc:cleanrooms://us-east-1/m?maxRetries=many    | 'maxRetries' has the invalid value 'many'",
      "jdbc:cleanrooms://us-east-1/m?credentials=ROOT   | must be one of [DEFAULT, PROFILE, STATIC]",
      "jdbc:cleanrooms://us-east-1/m?s3Endpoint=nohost  | must be an absolute http or https URL",
      "jdbc:cleanrooms://us-east-1/m?region=a&region=b  | given twice",
      "jdbc:cleanrooms://us-east-1/m?credentials=STATIC | 'accessKeyId' is required",
      "jdbc:cleanrooms://us-east-1?maxRetries=1         | 'membership' is required",
      "jdbc:cleanrooms://us-east-1/m?roleArn=Analyst    | must be an IAM role ARN",
  })
  void aMalformedUrlIsAConnectionAttributeError(String url, String message) {
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void aSecretInAMalformedUrlIsNotRepeatedInTheMessage() {
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
        "jdbc:cleanrooms://us-east-1/m?secretAccessKey=hunter2&colour=red"));
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void aSecretJoinedToTheRoleArnByATypoIsNeitherSentToStsNorRepeated() {
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
        "jdbc:cleanrooms:local?roleArn=NONE?sessionToken=hunter2"));
    assertEquals("08001", e.getSQLState(), e.getMessage());
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains("hunter2"), t.getMessage());
    }
  }

  @Test
  void aPropertyInTheUrlAndInPropertiesMustAgree() {
    Properties p = new Properties();
    p.setProperty("region", "eu-west-1");
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:cleanrooms://us-east-1/m", p));
    assertTrue(e.getMessage().contains("both in the URL and in the properties"), e.getMessage());
  }

  @Test
  void otherUrlsAreLeftToOtherDrivers() throws SQLException {
    assertNull(new CleanRoomsDriver().connect("jdbc:postgresql://localhost/db", new Properties()));
  }

  @Test
  void propertyInfoListsEveryPropertyWithItsDescriptionAndChoicesButNoSecret() throws SQLException {
    Properties p = new Properties();
    p.setProperty("secretAccessKey", "hunter2");
    DriverPropertyInfo[] info = new CleanRoomsDriver().getPropertyInfo("jdbc:cleanrooms://eu-west-1/m-1", p);
    assertEquals(ConnectionProperty.values().length, info.length);
    DriverPropertyInfo credentials = byName(info, "credentials");
    assertEquals("DEFAULT", credentials.value);
    assertEquals(Arrays.asList("DEFAULT", "PROFILE", "STATIC"), Arrays.asList(credentials.choices));
    assertEquals("eu-west-1", byName(info, "region").value);
    assertEquals("m-1", byName(info, "membership").value);
    assertNull(byName(info, "secretAccessKey").value);
    assertTrue(Arrays.stream(info).allMatch(i -> i.description != null && !i.description.isEmpty()));
  }

  @Test
  void theConnectionUrlShownByMetadataHasNoSecret() throws SQLException {
    TestCollaboration collaboration = TestCollaboration.shared();
    try (Connection c = collaboration.connect()) {
      String url = c.getMetaData().getURL();
      assertTrue(url.startsWith("jdbc:cleanrooms://us-east-1/" + collaboration.membershipId()), url);
      assertFalse(url.contains("local-advertiser-secret"), url);
      assertFalse(c.toString().contains("local-advertiser-secret"));
    }
  }

  @Test
  void userAndPasswordAreTheStaticKeys() throws SQLException {
    TestCollaboration collaboration = TestCollaboration.shared();
    Properties p = new Properties();
    p.setProperty("password", collaboration.secret().getProperty("secretAccessKey"));
    try (Connection c = DriverManager.getConnection(collaboration.url(), p)) {
      assertTrue(c.isValid(5));
    }
  }

  @Test
  void blankUserAndPasswordAsToolsSendThemLeaveTheLocalDefaults() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "");
    p.setProperty("password", "");
    try (Connection c = DriverManager.getConnection("jdbc:cleanrooms:local", p)) {
      assertTrue(c.isValid(5));
    }
  }

  @Test
  void wrongCredentialsAreAnAuthorizationError() {
    TestCollaboration collaboration = TestCollaboration.shared();
    String url = collaboration.url().replace("AKIALOCALADVERTISER01", "AKIAUNKNOWN000000000");
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, collaboration.secret()));
    assertEquals("28000", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("UnrecognizedClientException"), e.getMessage());
  }

  @Test
  void anUnknownMembershipIsAnUndefinedObject() {
    TestCollaboration collaboration = TestCollaboration.shared();
    String url = collaboration.url().replace(collaboration.membershipId(), "00000000-0000-0000-0000-000000000000");
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, collaboration.secret()));
    assertEquals("42704", e.getSQLState(), e.getMessage());
  }

  private static DriverPropertyInfo byName(DriverPropertyInfo[] info, String name) {
    return Arrays.stream(info).filter(i -> i.name.equals(name)).findFirst().orElseThrow();
  }
}
