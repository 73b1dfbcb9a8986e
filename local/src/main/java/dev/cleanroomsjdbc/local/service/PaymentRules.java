package dev.cleanroomsjdbc.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cleanroomsjdbc.local.state.CollaborationMember;
import java.util.List;

/**
 * Who pays for a collaboration's compute, as the model's documentation of {@code PaymentConfiguration} and
 * {@code MembershipPaymentConfiguration} states it: the creator names at most one payer of query compute and at
 * most one of job compute; with none named, the member who can query pays for queries (and the member who can run
 * jobs for jobs), and that member cannot be set not to; a member joining accepts exactly what it was assigned.
 */
final class PaymentRules {
  private PaymentRules() {}

  /** A member as the creator declared it, before the defaults apply. */
  record Declared(String accountId, List<String> abilities, JsonNode paymentConfiguration) {

    Boolean queryCompute() {
      return flag(paymentConfiguration, "queryCompute");
    }

    Boolean jobCompute() {
      return flag(paymentConfiguration, "jobCompute");
    }
  }

  /** Query-compute payer rule: at most one member TRUE, and the member who can query not FALSE unless one is. */
  static String verifyOneQueryComputePayer(List<Declared> members) {
    return verifyOnePayer(members, "queryCompute", "CAN_QUERY", "query compute");
  }

  /** Job-compute payer rule: at most one member TRUE, and the member who can run jobs not FALSE unless one is. */
  static String verifyOneJobComputePayer(List<Declared> members) {
    return verifyOnePayer(members, "jobCompute", "CAN_RUN_JOB", "job compute");
  }

  /**
   * The payer's account: the one member set TRUE, else the first member with {@code ability} (null when none has
   * it: then nobody can run what would be paid for).
   */
  private static String verifyOnePayer(List<Declared> members, String config, String ability, String what) {
    List<Declared> payers = members.stream().filter(m -> Boolean.TRUE.equals(flag(m.paymentConfiguration(), config)))
        .toList();
    if (payers.size() > 1) {
      throw CleanRoomsError.invalidConfiguration("Payment rule: exactly one member can be configured to pay for "
          + what + " costs, but " + payers.size() + " are (" + payers.stream().map(Declared::accountId).toList()
          + ")");
    }
    if (payers.size() == 1) {
      return payers.get(0).accountId();
    }
    Declared runner = members.stream().filter(m -> m.abilities().contains(ability)).findFirst().orElse(null);
    if (runner != null && Boolean.FALSE.equals(flag(runner.paymentConfiguration(), config))) {
      throw CleanRoomsError.invalidConfiguration("Payment rule: member " + runner.accountId() + " has " + ability
          + " and so pays for " + what + " unless another member is configured to; it cannot be set FALSE");
    }
    return runner == null ? null : runner.accountId();
  }

  /**
   * Membership payment rule: a member joining must accept exactly the payment responsibilities the collaboration
   * assigned it (TRUE where it pays, FALSE where it does not).
   */
  static void verifyMembershipPayment(CollaborationMember member, JsonNode accepted) {
    if (accepted == null) {
      return;
    }
    verifyAccepted(member, accepted, "queryCompute", member.paysForQueries());
    verifyAccepted(member, accepted, "jobCompute", member.paysForJobs());
  }

  private static void verifyAccepted(CollaborationMember member, JsonNode accepted, String config,
      boolean assigned) {
    Boolean value = flag(accepted, config);
    if (value != null && value != assigned) {
      throw CleanRoomsError.invalidConfiguration("Membership payment rule: account " + member.accountId()
          + (assigned ? " is" : " is not") + " the collaboration's payer of " + config + " costs, so its"
          + " paymentConfiguration." + config + ".isResponsible must be " + assigned);
    }
  }

  /** The payment configuration a member gets when it joins without one: what the collaboration assigned it. */
  static JsonNode assigned(CollaborationMember member) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.putObject("queryCompute").put("isResponsible", member.paysForQueries());
    if (member.paysForJobs() || member.paymentConfiguration() != null
        && member.paymentConfiguration().has("jobCompute")) {
      node.putObject("jobCompute").put("isResponsible", member.paysForJobs());
    }
    return node;
  }

  private static Boolean flag(JsonNode payment, String config) {
    JsonNode value = payment == null ? null : payment.path(config).get("isResponsible");
    return value == null || !value.isBoolean() ? null : value.asBoolean();
  }
}
