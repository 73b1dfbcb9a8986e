package dev.cleanroomsjdbc.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleanroomsjdbc.local.state.AnalysisTemplate;
import dev.cleanroomsjdbc.local.state.Arns;
import dev.cleanroomsjdbc.local.state.CleanRoomsState;
import dev.cleanroomsjdbc.local.state.Collaboration;
import dev.cleanroomsjdbc.local.state.Membership;
import dev.cleanroomsjdbc.local.storage.S3Location;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Analysis templates: SQL text, or entry points in S3 pinned by their SHA-256 when the template is created. */
public final class TemplateService {
  private final CleanRoomsState state;
  private final Access access;
  private final ObjectSource objects;

  public TemplateService(CleanRoomsState state, Access access, ObjectSource objects) {
    this.state = state;
    this.access = access;
    this.objects = objects;
  }

  /** An ARN BatchGetCollaborationAnalysisTemplate could not answer. */
  public record TemplateError(String arn, String code, String message) {}

  /** Templates found and ARNs not found. */
  public record TemplateBatch(List<AnalysisTemplate> templates, List<TemplateError> errors) {}

  public AnalysisTemplate create(Caller caller, String membershipIdentifier, JsonNode input) {
    Membership membership = access.verifyOwnMembership(caller, membershipIdentifier);
    String name = Inputs.requireText(input, "name");
    if (!name.matches("[a-zA-Z0-9_](([a-zA-Z0-9_ ]+-)*([a-zA-Z0-9_ ]+))?") || name.length() > 128) {
      throw CleanRoomsError.validation("name", "name must be a table alias ([a-zA-Z0-9_], spaces and hyphens)");
    }
    String format = Inputs.requireOneOf("format", Inputs.requireText(input, "format"), "SQL", "PYSPARK_1_0");
    JsonNode source = Inputs.requireObject(input, "source");
    List<String> referenced = verifyReferencedTables(membership, Inputs.optObject(input, "schema"));
    String text = null;
    S3Location entryPoint = null;
    String roleArn = null;
    String sha256 = null;
    if ("SQL".equals(format)) {
      text = Inputs.requireText(source, "text");
    } else {
      JsonNode artifacts = Inputs.requireObject(source, "artifacts");
      JsonNode location = Inputs.requireObject(Inputs.requireObject(artifacts, "entryPoint"), "location");
      entryPoint = new S3Location(Inputs.requireText(location, "bucket"), Inputs.requireText(location, "key"));
      roleArn = Inputs.requireText(artifacts, "roleArn");
      S3Location where = entryPoint;
      byte[] bytes = objects.read(entryPoint).orElseThrow(() -> CleanRoomsError.validation(
          "source.artifacts.entryPoint", "entry point " + where + " does not exist"));
      sha256 = sha256(bytes);
    }
    String id = state.newId();
    AnalysisTemplate template = new AnalysisTemplate(id,
        Arns.analysisTemplate(caller.region(), caller.accountId(), membership.id(), id), membership.id(),
        membership.collaborationId(), caller.accountId(), name, Inputs.optText(input, "description", null), format,
        text, entryPoint, roleArn, sha256, referenced, state.now(), TemplateParameters.declared(input));
    if (!state.templates().putIfNone(t -> t.membershipId().equals(membership.id()) && t.name().equals(name),
        template)) {
      throw CleanRoomsError.conflict("ALREADY_EXISTS", name, "An analysis template named " + name + " exists");
    }
    return template;
  }

  public AnalysisTemplate get(Caller caller, String membershipIdentifier, String templateIdentifier) {
    Membership membership = access.verifyOwnMembership(caller, membershipIdentifier);
    String id = Arns.idOf(templateIdentifier);
    return state.templates().get(id).filter(t -> t.membershipId().equals(membership.id()))
        .orElseThrow(() -> notFound(id));
  }

  /** The description is the only member of a template that can change after creation. */
  public AnalysisTemplate update(Caller caller, String membershipIdentifier, String templateIdentifier,
      JsonNode input) {
    AnalysisTemplate t = get(caller, membershipIdentifier, templateIdentifier);
    return state.templates().put(new AnalysisTemplate(t.id(), t.arn(), t.membershipId(), t.collaborationId(),
        t.creatorAccountId(), t.name(), Inputs.optText(input, "description", t.description()), t.format(), t.text(),
        t.entryPoint(), t.roleArn(), t.entryPointSha256(), t.referencedTables(), t.createTime(),
        t.analysisParameters()));
  }

  public List<AnalysisTemplate> list(Caller caller, String membershipIdentifier) {
    Membership membership = access.verifyOwnMembership(caller, membershipIdentifier);
    return state.templates().where(t -> t.membershipId().equals(membership.id()));
  }

  public List<AnalysisTemplate> listInCollaboration(Caller caller, String collaborationIdentifier) {
    Collaboration collaboration = access.verifyCollaborationMember(caller, collaborationIdentifier);
    return state.templates().where(t -> t.collaborationId().equals(collaboration.id()));
  }

  public AnalysisTemplate getInCollaboration(Caller caller, String collaborationIdentifier, String arn) {
    Collaboration collaboration = access.verifyCollaborationMember(caller, collaborationIdentifier);
    return findInCollaboration(collaboration.id(), arn).orElseThrow(() -> notFound(arn));
  }

  public TemplateBatch batchGetInCollaboration(Caller caller, String collaborationIdentifier, List<String> arns) {
    Collaboration collaboration = access.verifyCollaborationMember(caller, collaborationIdentifier);
    if (arns.isEmpty() || arns.size() > 10) {
      throw CleanRoomsError.validation("analysisTemplateArns", "analysisTemplateArns must hold 1 to 10 ARNs");
    }
    List<AnalysisTemplate> found = new ArrayList<>();
    List<TemplateError> errors = new ArrayList<>();
    for (String arn : arns) {
      findInCollaboration(collaboration.id(), arn).ifPresentOrElse(found::add, () -> errors.add(
          new TemplateError(arn, "ResourceNotFoundException", "Analysis template " + arn + " not found")));
    }
    return new TemplateBatch(found, errors);
  }

  public Collaboration collaborationOf(AnalysisTemplate template) {
    return state.collaborations().get(template.collaborationId()).orElseThrow();
  }

  public Membership membershipOf(AnalysisTemplate template) {
    return state.memberships().get(template.membershipId()).orElseThrow();
  }

  /** The template an ARN names, if it belongs to the collaboration. */
  public Optional<AnalysisTemplate> findInCollaboration(String collaborationId, String arn) {
    return Arns.templateId(arn).flatMap(id -> state.templates().get(id))
        .filter(t -> t.arn().equals(arn) && t.collaborationId().equals(collaborationId));
  }

  private List<String> verifyReferencedTables(Membership membership, JsonNode schema) {
    List<String> referenced = Inputs.textList(schema, "referencedTables");
    for (String table : referenced) {
      boolean known = !state.associations()
          .where(a -> a.collaborationId().equals(membership.collaborationId()) && a.name().equals(table)).isEmpty();
      if (!known) {
        throw CleanRoomsError.validation("schema.referencedTables",
            "referenced table " + table + " is not associated with the collaboration");
      }
    }
    return referenced;
  }

  private static CleanRoomsError notFound(String id) {
    // The model has no ANALYSIS_TEMPLATE resource type; the service reports templates under their membership.
    return CleanRoomsError.notFound("MEMBERSHIP", id, "Analysis template " + id + " not found");
  }

  /** Lower-case hex SHA-256, as {@code sourceMetadata.artifacts.entryPointHash.sha256} shows it. */
  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
