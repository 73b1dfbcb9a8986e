package dev.cleanroomsjdbc.execution;

import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.ApiName;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Names the driver, and the application a connection serves, in the user agent of every request the SDK sends
 * ({@code cleanrooms-jdbc/0.1.0 app/DBeaver_24.1}), so that CloudTrail and the service's logs tell BI tools apart.
 * The application name is read for each request: {@code Connection.setClientInfo("ApplicationName", ...)} arrives
 * after the clients are built.
 */
public final class UserAgent implements ExecutionInterceptor {
  private final String driverVersion;
  private final Supplier<String> applicationName;

  public UserAgent(String driverVersion, Supplier<String> applicationName) {
    this.driverVersion = driverVersion;
    this.applicationName = applicationName;
  }

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    if (!(context.request() instanceof AwsRequest request)) {
      return context.request();
    }
    AwsRequestOverrideConfiguration.Builder config = request.overrideConfiguration()
        .map(AwsRequestOverrideConfiguration::toBuilder).orElseGet(AwsRequestOverrideConfiguration::builder);
    config.addApiName(ApiName.builder().name("cleanrooms-jdbc").version(token(driverVersion)).build());
    String app = applicationName.get();
    if (app != null && !app.isBlank()) {
      config.addApiName(ApiName.builder().name("app").version(token(app)).build());
    }
    return request.toBuilder().overrideConfiguration(config.build()).build();
  }

  /** A user-agent token: RFC 9110 token characters only, at most 64 of them. */
  static String token(String text) {
    String t = text.strip().replaceAll("[^A-Za-z0-9!#$%&'*+.^_`|~-]", "_");
    return t.length() > 64 ? t.substring(0, 64) : t;
  }
}
