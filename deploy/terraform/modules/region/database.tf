# The nodes' shared PostgreSQL: Multi-AZ, encrypted, with RDS's continuous backup (point-in-time
# restore to within the last 5 minutes) on top of the base backups the Kubernetes CronJob takes.
# RDS offers dual-stack, not IPv6-only, networking (network_type DUAL, subnets in network.tf).
resource "aws_db_subnet_group" "main" {
  name       = "${var.name}-db"
  subnet_ids = aws_subnet.db[*].id
}

resource "aws_db_instance" "main" {
  identifier                   = "${var.name}-db"
  engine                       = "postgres"
  engine_version               = "16.4"
  instance_class               = "db.m7g.large"
  allocated_storage            = 100
  storage_type                 = "gp3"
  storage_encrypted            = true
  kms_key_id                   = aws_kms_key.main.arn
  multi_az                     = true
  network_type                 = "DUAL"
  db_subnet_group_name         = aws_db_subnet_group.main.name
  username                     = "trustchain"
  manage_master_user_password  = true
  master_user_secret_kms_key_id = aws_kms_key.main.arn
  backup_retention_period      = 35
  backup_window                = "03:00-04:00"
  deletion_protection          = true
  copy_tags_to_snapshot        = true
  performance_insights_enabled = true
  performance_insights_kms_key_id = aws_kms_key.main.arn
  skip_final_snapshot          = false
  final_snapshot_identifier    = "${var.name}-db-final"
}
