package dev.cleanroomsjdbc.local;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.AnalysisTemplateSummary;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationSummary;
import software.amazon.awssdk.services.cleanrooms.model.MembershipSummary;

/**
 * Finds a demo collaboration seeded by an earlier run on the same data directory, through the SDK client as a
 * user would, so that a restart reuses it instead of seeding a second one.
 */
final class ExistingDemo {
  private ExistingDemo() {}

  /** The first complete demo (both memberships and every template present), if any. */
  static Optional<DemoCollaboration.Demo> find(URI endpoint, Iterable<String> templateNames) {
    try (CleanRoomsClient advertiser = DemoCollaboration.client(endpoint, DemoCollaboration.ADVERTISER_ACCESS_KEY,
            DemoCollaboration.ADVERTISER_SECRET);
        CleanRoomsClient publisher = DemoCollaboration.client(endpoint, DemoCollaboration.PUBLISHER_ACCESS_KEY,
            DemoCollaboration.PUBLISHER_SECRET)) {
      for (CollaborationSummary collaboration : advertiser.listCollaborationsPaginator(b -> { }).collaborationList()) {
        if (!"demo".equals(collaboration.name())
            || !DemoCollaboration.ADVERTISER_ACCOUNT.equals(collaboration.creatorAccountId())) {
          continue;
        }
        Optional<DemoCollaboration.Demo> demo = complete(advertiser, publisher, collaboration.id(), templateNames);
        if (demo.isPresent()) {
          return demo;
        }
      }
      return Optional.empty();
    }
  }

  // A run killed while seeding leaves a partial demo behind; it is skipped and a new one is seeded.
  private static Optional<DemoCollaboration.Demo> complete(CleanRoomsClient advertiser, CleanRoomsClient publisher,
      String collaborationId, Iterable<String> templateNames) {
    Optional<String> advertiserMembership = membership(advertiser, collaborationId);
    Optional<String> publisherMembership = membership(publisher, collaborationId);
    if (advertiserMembership.isEmpty() || publisherMembership.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> byName = new LinkedHashMap<>();
    for (AnalysisTemplateSummary template : advertiser.listAnalysisTemplatesPaginator(b -> b
        .membershipIdentifier(advertiserMembership.get())).analysisTemplateSummaries()) {
      byName.put(template.name(), template.arn());
    }
    Map<String, String> templates = new LinkedHashMap<>();
    for (String name : templateNames) {
      if (!byName.containsKey(name)) {
        return Optional.empty();
      }
      templates.put(name, byName.get(name));
    }
    return Optional.of(new DemoCollaboration.Demo(collaborationId, advertiserMembership.get(),
        publisherMembership.get(), Map.copyOf(templates)));
  }

  private static Optional<String> membership(CleanRoomsClient client, String collaborationId) {
    return client.listMembershipsPaginator(b -> { }).membershipSummaries().stream()
        .filter(m -> m.collaborationId().equals(collaborationId))
        .map(MembershipSummary::id)
        .findFirst();
  }
}
