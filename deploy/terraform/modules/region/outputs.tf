output "api_lb" {
  value = { dns_name = aws_lb.main["api"].dns_name, zone_id = aws_lb.main["api"].zone_id }
}

output "dns_lb" {
  value = { dns_name = aws_lb.main["dns"].dns_name, zone_id = aws_lb.main["dns"].zone_id }
}

output "db_subnet_ipv6_cidrs" {
  value = aws_subnet.db[*].ipv6_cidr_block
}

output "backup_bucket" {
  value = aws_s3_bucket.archive["backups"].bucket
}
