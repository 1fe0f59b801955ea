# One customer-managed KMS key encrypts the buckets, the database and the cluster's Secrets.
data "aws_caller_identity" "current" {}

resource "aws_kms_key" "main" {
  description             = "${var.name} data at rest"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_kms_alias" "main" {
  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.main.key_id
}

# audit: the audit event archive; ct: the CT log's tile archive; backups: database base backups and WAL.
# Audit and CT archives are evidence: object lock in COMPLIANCE mode for 7 years, which nobody,
# root included, can shorten. Backups expire instead (a restore needs the last days, not years).
locals {
  buckets = {
    audit   = { object_lock = true, expire_days = 0 }
    ct      = { object_lock = true, expire_days = 0 }
    backups = { object_lock = false, expire_days = 35 }
  }
}

resource "aws_s3_bucket" "archive" {
  for_each            = local.buckets
  bucket              = "${var.name}-${each.key}-${data.aws_region.current.name}-${data.aws_caller_identity.current.account_id}"
  object_lock_enabled = each.value.object_lock
}

resource "aws_s3_bucket_versioning" "archive" {
  for_each = aws_s3_bucket.archive
  bucket   = each.value.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "archive" {
  for_each = aws_s3_bucket.archive
  bucket   = each.value.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "archive" {
  for_each                = aws_s3_bucket.archive
  bucket                  = each.value.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "archive" {
  for_each = aws_s3_bucket.archive
  bucket   = each.value.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_object_lock_configuration" "evidence" {
  for_each = { for k, v in local.buckets : k => v if v.object_lock }
  bucket   = aws_s3_bucket.archive[each.key].id
  rule {
    default_retention {
      mode  = "COMPLIANCE"
      years = 7
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "archive" {
  for_each = local.buckets
  bucket   = aws_s3_bucket.archive[each.key].id
  rule {
    id     = "tiering"
    status = "Enabled"
    filter {}
    transition {
      days          = 30
      storage_class = "STANDARD_IA"
    }
    transition {
      days          = 90
      storage_class = "GLACIER"
    }
    dynamic "expiration" {
      for_each = each.value.expire_days > 0 ? [each.value.expire_days] : []
      content {
        days = expiration.value
      }
    }
    noncurrent_version_transition {
      noncurrent_days = 30
      storage_class   = "STANDARD_IA"
    }
  }
}

# Nothing over plain HTTP, for anyone (a Deny: the wildcard narrows, it grants nothing).
data "aws_iam_policy_document" "bucket" {
  for_each = aws_s3_bucket.archive
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [each.value.arn, "${each.value.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "archive" {
  for_each = aws_s3_bucket.archive
  bucket   = each.value.id
  policy   = data.aws_iam_policy_document.bucket[each.key].json
}
