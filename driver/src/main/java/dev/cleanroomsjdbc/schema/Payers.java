package dev.cleanroomsjdbc.schema;

import static dev.cleanroomsjdbc.execution.ServiceErrors.call;

import java.sql.SQLException;
import java.util.List;
import software.amazon.awssdk.services.cleanrooms.model.MemberSummary;
import software.amazon.awssdk.services.cleanrooms.model.PaymentConfiguration;

/**
 * Who pays for a collaboration's compute: the member whose {@code paymentConfiguration} says it is responsible
 * for query (or job) compute, as ListMembers shows the collaboration's assignment. The SDK the driver is built on
 * has no per-run payer field ({@code queryComputePayerAccountId} is newer), and the service bills a run to the
 * collaboration's payer.
 *
 * @param queryCompute the account paying for protected queries, or null when no member is marked
 * @param jobCompute the account paying for protected jobs, or null
 */
record Payers(String queryCompute, String jobCompute) {

  static Payers of(CollaborationSession session) throws SQLException {
    List<MemberSummary> members = call("ListMembers", () -> session.client()
        .listMembersPaginator(b -> b.collaborationIdentifier(session.collaborationId())).memberSummaries()
        .stream().toList());
    String query = null;
    String job = null;
    for (MemberSummary m : members) {
      PaymentConfiguration p = m.paymentConfiguration();
      if (p == null) {
        continue;
      }
      if (p.queryCompute() != null && Boolean.TRUE.equals(p.queryCompute().isResponsible())) {
        query = m.accountId();
      }
      if (p.jobCompute() != null && Boolean.TRUE.equals(p.jobCompute().isResponsible())) {
        job = m.accountId();
      }
    }
    return new Payers(query, job);
  }
}
