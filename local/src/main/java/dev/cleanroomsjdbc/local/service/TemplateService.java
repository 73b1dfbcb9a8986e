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
import java.time.Instant;
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
    String name = Inputs.text(input, "name");
    String format = Inputs.text(input, "format");
    JsonNode source = input.get("source");
    verifyFormatMatchesSource(format, source);
    List<String> referenced = verifyReferencedTables(membership, Inputs.object(input, "schema"));
    String text = Inputs.text(source, "text");
    S3Location entryPoint = null;
    String roleArn = null;
    String sha256 = null;
    List<S3Location> additional = new ArrayList<>();
    List<String> additionalSha256 = new ArrayList<>();
    JsonNode artifacts = Inputs.object(source, "artifacts");
    if (artifacts != null) {
      entryPoint = location(artifacts.get("entryPoint"));
      roleArn = Inputs.text(artifacts, "roleArn");
      sha256 = sha256(verifyArtifactExists("source.artifacts.entryPoint", entryPoint));
      JsonNode more = artifacts.get("additionalArtifacts");
      for (int i = 0; more != null && i < more.size(); i++) {
        S3Location artifact = location(more.get(i));
        additional.add(artifact);
        additionalSha256.add(sha256(verifyArtifactExists("source.artifacts.additionalArtifacts[" + i + "]",
            artifact)));
      }
    }
    String id = state.newId();
    Instant now = state.now();
    AnalysisTemplate template = new AnalysisTemplate(id,
        Arns.analysisTemplate(caller.region(), caller.accountId(), membership.id(), id), membership.id(),
        membership.collaborationId(), caller.accountId(), name, Inputs.text(input, "description"), format,
        text, entryPoint, roleArn, sha256, referenced, now, TemplateParameters.declared(input), additional,
        additionalSha256, now, Inputs.object(input, "errorMessageConfiguration"));
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
    return state.templates().put(t.described(Inputs.text(input, "description", t.description()), state.now()));
  }

  /** Format rule: a SQL template's source is {@code text}, a PYSPARK_1_0 template's is {@code artifacts}. */
  private static void verifyFormatMatchesSource(String format, JsonNode source) {
    String expected = "SQL".equals(format) ? "text" : "artifacts";
    if (!source.has(expected)) {
      throw CleanRoomsError.validation("source", "an analysis template of format " + format + " needs source."
          + expected);
    }
  }

  /** Artifact rule: the code a template names must exist when the template is created (its hash is pinned). */
  private byte[] verifyArtifactExists(String field, S3Location location) {
    return objects.read(location).orElseThrow(() -> CleanRoomsError.validation(field,
        "artifact " + location + " does not exist"));
  }

  private static S3Location location(JsonNode artifact) {
    JsonNode location = artifact.get("location");
    return new S3Location(location.get("bucket").asText(), location.get("key").asText());
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

  /** Referenced tables rule: every table a template names is associated with the collaboration. */
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
    return CleanRoomsError.notFound("ANALYSIS_TEMPLATE", id, "Analysis template " + id + " not found");
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
