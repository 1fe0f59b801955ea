# Network Load Balancers. The deployment guide's ALB cannot carry DNS-over-QUIC: UDP 8853 (and
# classic DNS on UDP 8053) needs an NLB, and so TrustChain uses NLBs throughout. TLS listeners on
# 8443 and 6962 use the TLS 1.3-only policy and re-encrypt to the nodes' own TLS 1.3 listeners;
# every target group checks the node's /health.
locals {
  tls13_policy = "ELBSecurityPolicy-TLS13-1-3-2021-06"
  listeners = {
    api  = { lb = "api", port = 8443, protocol = "TLS" }
    ct   = { lb = "api", port = 6962, protocol = "TLS" }
    http = { lb = "api", port = 8080, protocol = "TCP" }
    doq  = { lb = "dns", port = 8853, protocol = "UDP" }
    dns  = { lb = "dns", port = 8053, protocol = "TCP_UDP" }
  }
}

resource "aws_lb" "main" {
  for_each                         = toset(["api", "dns"])
  name                             = "${var.name}-${each.key}"
  load_balancer_type               = "network"
  ip_address_type                  = "dualstack"
  subnets                          = aws_subnet.public[*].id
  enable_cross_zone_load_balancing = true
  enable_deletion_protection       = true
}

resource "aws_lb_target_group" "main" {
  for_each        = local.listeners
  name            = "${var.name}-${each.key}"
  port            = each.value.port
  protocol        = each.value.protocol
  target_type     = "ip"
  ip_address_type = "ipv6"
  vpc_id          = aws_vpc.main.id
  health_check {
    protocol = "HTTPS"
    path     = "/health"
    port     = "8443"
  }
}

resource "aws_lb_listener" "main" {
  for_each          = local.listeners
  load_balancer_arn = aws_lb.main[each.value.lb].arn
  port              = each.value.port
  protocol          = each.value.protocol
  ssl_policy        = each.value.protocol == "TLS" ? local.tls13_policy : null
  certificate_arn   = each.value.protocol == "TLS" ? var.listener_certificate_arn : null
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.main[each.key].arn
  }
}
