output "primary_api_lb" {
  value = module.primary.api_lb.dns_name
}

output "secondary_api_lb" {
  value = module.secondary.api_lb.dns_name
}

output "primary_db_subnet_cidrs" {
  description = "For the production overlay's egress NetworkPolicy."
  value       = module.primary.db_subnet_ipv6_cidrs
}
