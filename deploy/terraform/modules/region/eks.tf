# EKS with IPv6 pod and service addresses; nodes in the IPv6-native subnets of both zones.
resource "aws_eks_cluster" "main" {
  name     = var.name
  role_arn = aws_iam_role.cluster.arn
  version  = "1.31"
  vpc_config {
    subnet_ids              = aws_subnet.nodes[*].id
    endpoint_private_access = true
    endpoint_public_access  = false
  }
  kubernetes_network_config {
    ip_family = "ipv6"
  }
  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.main.arn
    }
  }
  enabled_cluster_log_types = ["api", "audit", "authenticator"]
}

resource "aws_eks_node_group" "main" {
  cluster_name    = aws_eks_cluster.main.name
  node_group_name = "${var.name}-nodes"
  node_role_arn   = aws_iam_role.node.arn
  subnet_ids      = aws_subnet.nodes[*].id
  instance_types  = [var.node_instance_type]
  scaling_config {
    min_size     = 3
    desired_size = 3
    max_size     = 12
  }
  update_config {
    max_unavailable = 1
  }
}

data "aws_iam_openid_connect_provider" "cluster" {
  url = aws_eks_cluster.main.identity[0].oidc[0].issuer
}
