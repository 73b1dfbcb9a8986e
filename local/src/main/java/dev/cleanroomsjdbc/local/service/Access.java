package dev.cleanroomsjdbc.local.service;

import dev.cleanroomsjdbc.local.state.Arns;
import dev.cleanroomsjdbc.local.state.CleanRoomsState;
import dev.cleanroomsjdbc.local.state.Collaboration;
import dev.cleanroomsjdbc.local.state.ConfiguredTable;
import dev.cleanroomsjdbc.local.state.Membership;

/**
 * Who may see what: an account sees only its own memberships and configured tables (others' are "not found", as
 * the service answers) and only the collaborations it is a member of (others are "access denied").
 */
public final class Access {
  private final CleanRoomsState state;

  public Access(CleanRoomsState state) {
    this.state = state;
  }

  public Collaboration verifyCollaborationMember(Caller caller, String collaborationIdentifier) {
    String id = Arns.idOf(collaborationIdentifier);
    Collaboration collaboration = state.collaborations().get(id).orElseThrow(() -> CleanRoomsError.notFound(
        "COLLABORATION", id, "Collaboration " + id + " not found"));
    if (!collaboration.hasMember(caller.accountId())) {
      throw CleanRoomsError.accessDenied(
          "Account " + caller.accountId() + " is not a member of collaboration " + id);
    }
    return collaboration;
  }

  public Membership verifyOwnMembership(Caller caller, String membershipIdentifier) {
    String id = Arns.idOf(membershipIdentifier);
    return state.memberships().get(id)
        .filter(m -> m.accountId().equals(caller.accountId()))
        .orElseThrow(() -> CleanRoomsError.notFound("MEMBERSHIP", id, "Membership " + id + " not found"));
  }

  public ConfiguredTable verifyOwnConfiguredTable(Caller caller, String configuredTableIdentifier) {
    String id = Arns.idOf(configuredTableIdentifier);
    return state.configuredTables().get(id)
        .filter(t -> t.accountId().equals(caller.accountId()))
        .orElseThrow(() -> CleanRoomsError.notFound("CONFIGURED_TABLE", id, "Configured table " + id + " not found"));
  }

  /** The membership of any account in {@code collaborationId}, used to name creators and result receivers. */
  public Membership membershipOf(String collaborationId, String accountId) {
    return state.memberships()
        .where(m -> m.collaborationId().equals(collaborationId) && m.accountId().equals(accountId))
        .stream().findFirst()
        .orElseThrow(() -> CleanRoomsError.notFound("MEMBERSHIP", accountId,
            "Account " + accountId + " has no membership in collaboration " + collaborationId));
  }
}
