# IPv6-only wherever AWS allows it. Every VPC must have an IPv4 block, so it has a small one; the
# subnets of the EKS nodes (and so every pod) are IPv6-native. Three kinds of subnet are dual-stack
# because the service placed there needs an IPv4 address in its subnet: the NLBs' (clients still
# reach them over IPv6), RDS's (network type DUAL) and CloudHSM's. Outbound IPv6 leaves through an
# egress-only gateway; DNS64 in the node subnets reaches IPv4-only endpoints through the VPC's NAT64
# if one is added.
data "aws_region" "current" {}

resource "aws_vpc" "main" {
  cidr_block                       = "10.255.0.0/24"
  assign_generated_ipv6_cidr_block = true
  enable_dns_support               = true
  enable_dns_hostnames             = true
  tags                             = { Name = "${var.name}-${data.aws_region.current.name}" }
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_egress_only_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

# Netnums in the VPC's /56: 0-1 public, 16-17 nodes, 32-33 databases, 48-49 HSMs.
resource "aws_subnet" "public" {
  count                                          = 2
  vpc_id                                         = aws_vpc.main.id
  availability_zone                              = var.availability_zones[count.index]
  cidr_block                                     = cidrsubnet(aws_vpc.main.cidr_block, 4, count.index)
  ipv6_cidr_block                                = cidrsubnet(aws_vpc.main.ipv6_cidr_block, 8, count.index)
  assign_ipv6_address_on_creation                = true
  enable_resource_name_dns_aaaa_record_on_launch = true
  tags                                           = { Name = "${var.name}-public-${count.index}", "kubernetes.io/role/elb" = "1" }
}

resource "aws_subnet" "nodes" {
  count                                          = 2
  vpc_id                                         = aws_vpc.main.id
  availability_zone                              = var.availability_zones[count.index]
  ipv6_native                                    = true
  ipv6_cidr_block                                = cidrsubnet(aws_vpc.main.ipv6_cidr_block, 8, 16 + count.index)
  assign_ipv6_address_on_creation                = true
  enable_dns64                                   = true
  enable_resource_name_dns_aaaa_record_on_launch = true
  tags                                           = { Name = "${var.name}-nodes-${count.index}", "kubernetes.io/role/internal-elb" = "1" }
}

resource "aws_subnet" "db" {
  count                           = 2
  vpc_id                          = aws_vpc.main.id
  availability_zone               = var.availability_zones[count.index]
  cidr_block                      = cidrsubnet(aws_vpc.main.cidr_block, 4, 2 + count.index)
  ipv6_cidr_block                 = cidrsubnet(aws_vpc.main.ipv6_cidr_block, 8, 32 + count.index)
  assign_ipv6_address_on_creation = true
  tags                            = { Name = "${var.name}-db-${count.index}" }
}

resource "aws_subnet" "hsm" {
  count                           = 2
  vpc_id                          = aws_vpc.main.id
  availability_zone               = var.availability_zones[count.index]
  cidr_block                      = cidrsubnet(aws_vpc.main.cidr_block, 4, 4 + count.index)
  ipv6_cidr_block                 = cidrsubnet(aws_vpc.main.ipv6_cidr_block, 8, 48 + count.index)
  assign_ipv6_address_on_creation = true
  tags                            = { Name = "${var.name}-hsm-${count.index}" }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    ipv6_cidr_block = "::/0"
    gateway_id      = aws_internet_gateway.main.id
  }
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
  route {
    ipv6_cidr_block        = "::/0"
    egress_only_gateway_id = aws_egress_only_internet_gateway.main.id
  }
}

resource "aws_route_table_association" "public" {
  count          = 2
  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table_association" "nodes" {
  count          = 2
  subnet_id      = aws_subnet.nodes[count.index].id
  route_table_id = aws_route_table.private.id
}

# S3 without leaving the VPC (backups, audit and CT archives).
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.${data.aws_region.current.name}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.private.id]
}
