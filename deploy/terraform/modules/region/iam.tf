# Least privilege: every statement names its actions and the resources they apply to. The
# deployment guide's "acm:*" on "*" is replaced by the three ACM actions the listener-certificate
# rotation needs, on the one certificate the NLB presents.
locals {
  oidc_provider = replace(aws_eks_cluster.main.identity[0].oidc[0].issuer, "https://", "")
  partition_arn = "arn:aws"
  account       = data.aws_caller_identity.current.account_id
  region        = data.aws_region.current.name
}

# --- EKS control plane and nodes (AWS-managed policies scoped by AWS) ---------------------------
data "aws_iam_policy_document" "eks_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["eks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "cluster" {
  name               = "${var.name}-eks-cluster"
  assume_role_policy = data.aws_iam_policy_document.eks_assume.json
}

resource "aws_iam_role_policy_attachment" "cluster" {
  role       = aws_iam_role.cluster.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"
}

data "aws_iam_policy_document" "node_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "node" {
  name               = "${var.name}-eks-node"
  assume_role_policy = data.aws_iam_policy_document.node_assume.json
}

resource "aws_iam_role_policy_attachment" "node" {
  for_each = toset([
    "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
    "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
  ])
  role       = aws_iam_role.node.name
  policy_arn = each.value
}

# --- Workload roles (IRSA: one Kubernetes service account each) -------------------------------
data "aws_iam_policy_document" "irsa" {
  for_each = toset(["trustchain-ca", "trustchain-ct", "trustchain-backup"])
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [data.aws_iam_openid_connect_provider.cluster.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.oidc_provider}:sub"
      values   = ["system:serviceaccount:trustchain:${each.key}"]
    }
  }
}

resource "aws_iam_role" "workload" {
  for_each           = data.aws_iam_policy_document.irsa
  name               = "${var.name}-${each.key}-${local.region}"
  assume_role_policy = each.value.json
}

# CA nodes: append audit events to the audit archive (never delete: object lock), write the listener
# certificate into ACM for the NLB, use the KMS key for those objects.
data "aws_iam_policy_document" "ca" {
  statement {
    sid       = "AuditArchiveAppend"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.archive["audit"].arn}/events/*"]
  }
  statement {
    sid       = "ListenerCertificateRotation"
    actions   = ["acm:ImportCertificate", "acm:DescribeCertificate", "acm:GetCertificate"]
    resources = [var.listener_certificate_arn]
  }
  statement {
    sid       = "ArchiveEncryption"
    actions   = ["kms:GenerateDataKey", "kms:Encrypt"]
    resources = [aws_kms_key.main.arn]
  }
}

# CT nodes: append tiles and checkpoints to the CT archive.
data "aws_iam_policy_document" "ct" {
  statement {
    sid       = "CtArchiveAppend"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.archive["ct"].arn}/tiles/*", "${aws_s3_bucket.archive["ct"].arn}/checkpoints/*"]
  }
  statement {
    sid       = "ArchiveEncryption"
    actions   = ["kms:GenerateDataKey", "kms:Encrypt"]
    resources = [aws_kms_key.main.arn]
  }
}

# Backups: write and read base backups and WAL, list them for restore; nothing else.
data "aws_iam_policy_document" "backup" {
  statement {
    sid       = "BackupObjects"
    actions   = ["s3:PutObject", "s3:GetObject"]
    resources = ["${aws_s3_bucket.archive["backups"].arn}/database/*"]
  }
  statement {
    sid       = "BackupListing"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.archive["backups"].arn]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["database/*"]
    }
  }
  statement {
    sid       = "BackupEncryption"
    actions   = ["kms:GenerateDataKey", "kms:Encrypt", "kms:Decrypt"]
    resources = [aws_kms_key.main.arn]
  }
}

resource "aws_iam_role_policy" "workload" {
  for_each = {
    "trustchain-ca"     = data.aws_iam_policy_document.ca.json
    "trustchain-ct"     = data.aws_iam_policy_document.ct.json
    "trustchain-backup" = data.aws_iam_policy_document.backup.json
  }
  name   = "${each.key}-least-privilege"
  role   = aws_iam_role.workload[each.key].id
  policy = each.value
}
