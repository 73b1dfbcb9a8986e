package dev.cleanroomsjdbc.local.storage;

import dev.cleanroomsjdbc.local.storage.StoragePolicy.BucketRights;
import java.io.InputStream;
import java.util.List;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetBucketAclRequest;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAclRequest;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The local S3 as one account sees it, in the spirit of s3proxy's own forwarding stores: everything in the buckets
 * it owns, reading and listing only the results addressed to it in other buckets, and 403 AccessDenied for the
 * rest. A bucket it creates becomes its own.
 */
final class AccountBlobStore extends ForwardingBlobStore {
  private final String accountId;
  private final StoragePolicy policy;

  AccountBlobStore(BlobStore delegate, String accountId, StoragePolicy policy) {
    super(delegate);
    this.accountId = accountId;
    this.policy = policy;
  }

  private BucketRights rights(String bucket) {
    return policy.rights(accountId, bucket);
  }

  private void verifyOwner(String bucket) {
    if (!rights(bucket).owner()) {
      throw denied();
    }
  }

  private void verifyRead(String bucket, String key) {
    if (!rights(bucket).mayRead(key)) {
      throw denied();
    }
  }

  private static S3ProxyException denied() {
    return new S3ProxyException(S3ErrorCode.ACCESS_DENIED);
  }

  @Override
  public ListBucketsResponse list() {
    ListBucketsResponse all = super.list();
    return all.toBuilder().buckets(all.buckets().stream().filter(b -> rights(b.name()).mayList()).toList()).build();
  }

  @Override
  public ListObjectsV2Response list(ListObjectsV2Request request) {
    BucketRights rights = rights(request.bucket());
    if (!rights.mayList()) {
      throw denied();
    }
    ListObjectsV2Response page = super.list(request);
    if (rights.owner()) {
      return page;
    }
    var contents = page.contents().stream().filter(o -> rights.mayShow(o.key())).toList();
    var prefixes = page.commonPrefixes().stream().filter(p -> rights.mayShow(p.prefix())).toList();
    return page.toBuilder().contents(contents).commonPrefixes(prefixes).keyCount(contents.size() + prefixes.size())
        .build();
  }

  @Override
  public HeadBucketResponse headBucket(HeadBucketRequest request) {
    if (!rights(request.bucket()).mayList()) {
      throw denied();
    }
    return super.headBucket(request);
  }

  @Override
  public CreateBucketResponse createContainer(CreateBucketRequest request) {
    if (!rights(request.bucket()).owner() && delegate().containerExists(request.bucket())) {
      throw new S3ProxyException(S3ErrorCode.BUCKET_ALREADY_EXISTS);
    }
    CreateBucketResponse response = super.createContainer(request);
    policy.bucketCreated(accountId, request.bucket());
    return response;
  }

  @Override
  public BucketCannedACL getContainerAccess(String container) {
    verifyOwner(container);
    return super.getContainerAccess(container);
  }

  @Override
  public GetBucketAclResponse getContainerAcl(GetBucketAclRequest request) {
    verifyOwner(request.bucket());
    return super.getContainerAcl(request);
  }

  @Override
  public void setContainerAccess(String container, BucketCannedACL access) {
    verifyOwner(container);
    super.setContainerAccess(container, access);
  }

  @Override
  public void clearContainer(ListObjectsV2Request request) {
    verifyOwner(request.bucket());
    super.clearContainer(request);
  }

  @Override
  public void deleteContainer(String container) {
    verifyOwner(container);
    super.deleteContainer(container);
  }

  @Override
  public void deleteBucket(String container) {
    verifyOwner(container);
    super.deleteBucket(container);
  }

  @Override
  public boolean blobExists(String container, String name) {
    verifyRead(container, name);
    return super.blobExists(container, name);
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
    verifyOwner(request.bucket());
    return super.putBlob(request, input);
  }

  @Override
  public CopyObjectResponse copyBlob(CopyObjectRequest request) {
    verifyRead(request.sourceBucket(), request.sourceKey());
    verifyOwner(request.destinationBucket());
    return super.copyBlob(request);
  }

  @Override
  public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
    verifyRead(request.bucket(), request.key());
    return super.blobMetadata(request);
  }

  @Override
  public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
    verifyRead(request.bucket(), request.key());
    return super.getBlob(request);
  }

  @Override
  public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
    verifyOwner(request.bucket());
    return super.removeBlob(request);
  }

  @Override
  public DeleteObjectsResponse removeBlobs(DeleteObjectsRequest request) {
    verifyOwner(request.bucket());
    return super.removeBlobs(request);
  }

  @Override
  public GetBucketVersioningResponse getBucketVersioning(GetBucketVersioningRequest request) {
    verifyOwner(request.bucket());
    return super.getBucketVersioning(request);
  }

  @Override
  public PutBucketVersioningResponse putBucketVersioning(PutBucketVersioningRequest request) {
    verifyOwner(request.bucket());
    return super.putBucketVersioning(request);
  }

  @Override
  public ListObjectVersionsResponse listVersions(ListObjectVersionsRequest request) {
    verifyOwner(request.bucket());
    return super.listVersions(request);
  }

  @Override
  public GetBucketEncryptionResponse getBucketEncryption(GetBucketEncryptionRequest request) {
    verifyOwner(request.bucket());
    return super.getBucketEncryption(request);
  }

  @Override
  public PutBucketEncryptionResponse putBucketEncryption(PutBucketEncryptionRequest request) {
    verifyOwner(request.bucket());
    return super.putBucketEncryption(request);
  }

  @Override
  public DeleteBucketEncryptionResponse deleteBucketEncryption(DeleteBucketEncryptionRequest request) {
    verifyOwner(request.bucket());
    return super.deleteBucketEncryption(request);
  }

  @Override
  public ObjectCannedACL getBlobAccess(String container, String name) {
    verifyRead(container, name);
    return super.getBlobAccess(container, name);
  }

  @Override
  public ObjectCannedACL getBlobAccess(String container, String name, String versionId) {
    verifyRead(container, name);
    return super.getBlobAccess(container, name, versionId);
  }

  @Override
  public GetObjectAclResponse getBlobAcl(GetObjectAclRequest request) {
    verifyRead(request.bucket(), request.key());
    return super.getBlobAcl(request);
  }

  @Override
  public void setBlobAccess(String container, String name, ObjectCannedACL access) {
    verifyOwner(container);
    super.setBlobAccess(container, name, access);
  }

  @Override
  public void setBlobAccess(String container, String name, ObjectCannedACL access, String versionId) {
    verifyOwner(container);
    super.setBlobAccess(container, name, access, versionId);
  }

  @Override
  public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
    verifyOwner(request.bucket());
    return super.initiateMultipartUpload(request);
  }

  @Override
  public void abortMultipartUpload(MultipartUpload upload) {
    verifyOwner(upload.containerName());
    super.abortMultipartUpload(upload);
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
      CompleteMultipartUploadRequest request) {
    verifyOwner(upload.containerName());
    return super.completeMultipartUpload(upload, request);
  }

  @Override
  public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request,
      InputStream input) {
    verifyOwner(upload.containerName());
    return super.uploadMultipartPart(upload, request, input);
  }

  @Override
  public List<Part> listMultipartUpload(MultipartUpload upload) {
    verifyOwner(upload.containerName());
    return super.listMultipartUpload(upload);
  }

  @Override
  public List<software.amazon.awssdk.services.s3.model.MultipartUpload> listMultipartUploads(String container) {
    verifyOwner(container);
    return super.listMultipartUploads(container);
  }
}
