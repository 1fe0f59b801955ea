# Network Load Balancers. The deployment guide's ALB cannot carry DNS-over-QUIC: UDP 8853 (and
# classic DNS on UDP 8053) needs an NLB, and so TrustChain uses NLBs throughout. TLS listeners on
# 8443 and 6962 use the TLS 1.3-only policy and re-encrypt to the nodes' own TLS 1.3 listeners.
locals {
  tls13_policy = "ELBSecurityPolicy-TLS13-1-3-2021-06"
}

resource "aws_lb" "api" {
  name                             = "${var.name}-api"
  load_balancer_type               = "network"
  ip_address_type                  = "dualstack"
  subnets                          = aws_subnet.public[*].id
  enable_cross_zone_load_balancing = true
  enable_deletion_protection       = true
}

resource "aws_lb" "dns" {
  name                             = "${var.name}-dns"
  load_balancer_type               = "network"
  ip_address_type                  = "dualstack"
  subnets                          = aws_subnet.public[*].id
  enable_cross_zone_load_balancing = true
  enable_deletion_protection       = true
}

resource "aws_lb_target_group" "api" {
  name            = "${var.name}-api"
  port            = 8443
  protocol        = "TLS"
  target_type     = "ip"
  ip_address_type = "ipv6"
  vpc_id          = aws_vpc.main.id
  health_check {
    protocol = "HTTPS"
    path     = "/health"
    port     = "8443"
  }
}

resource "aws_lb_target_group" "ct" {
  name            = "${var.name}-ct"
  port            = 6962
  protocol        = "TLS"
  target_type     = "ip"
  ip_address_type = "ipv6"
  vpc_id          = aws_vpc.main.id
  health_check {
    protocol = "HTTPS"
    path     = "/health"
    port     = "8443"
  }
}

resource "aws_lb_target_group" "http" {
  name            = "${var.name}-http"
  port            = 8080
  protocol        = "TCP"
  target_type     = "ip"
  ip_address_type = "ipv6"
  vpc_id          = aws_vpc.main.id
  health_check {
    protocol = "HTTPS"
    path     = "/health"
    port     = "8443"
  }
}

resource "aws_lb_target_group" "doq" {
  name            = "${var.name}-doq"
  port            = 8853
  protocol        = "UDP"
  target_type     = "ip"
  ip_address_type = "ipv6"
  vpc_id          = aws_vpc.main.id
  health_check {
    protocol = "HTTPS"
    path     = "/health"
    port     = "8443"
  }
}

resource "aws_lb_target_group" "dns" {
  name            = "${var.name}-dns"
  port            = 8053
  protocol        = "TCP_UDP"
  target_type     = "ip"
  ip_address_type = "ipv6"
  vpc_id          = aws_vpc.main.id
  health_check {
    protocol = "HTTPS"
    path     = "/health"
    port     = "8443"
  }
}

resource "aws_lb_listener" "api" {
  load_balancer_arn = aws_lb.api.arn
  port              = 8443
  protocol          = "TLS"
  ssl_policy        = local.tls13_policy
  certificate_arn   = var.listener_certificate_arn
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.api.arn
  }
}

resource "aws_lb_listener" "ct" {
  load_balancer_arn = aws_lb.api.arn
  port              = 6962
  protocol          = "TLS"
  ssl_policy        = local.tls13_policy
  certificate_arn   = var.listener_certificate_arn
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.ct.arn
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.api.arn
  port              = 8080
  protocol          = "TCP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.http.arn
  }
}

resource "aws_lb_listener" "doq" {
  load_balancer_arn = aws_lb.dns.arn
  port              = 8853
  protocol          = "UDP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.doq.arn
  }
}

resource "aws_lb_listener" "dns" {
  load_balancer_arn = aws_lb.dns.arn
  port              = 8053
  protocol          = "TCP_UDP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.dns.arn
  }
}
