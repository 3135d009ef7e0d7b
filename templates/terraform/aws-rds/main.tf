locals {
  tags = merge({ "managed-by" = "terraform", module = "aws-rds" }, var.tags)

  default_engine_versions = { postgres = "17", mysql = "8.4" }
}

resource "aws_db_subnet_group" "this" {
  name_prefix = "${var.identifier}-"
  description = "Subnets of ${var.identifier}"
  subnet_ids  = var.subnet_ids

  tags = { Name = var.identifier }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_db_instance" "this" {
  identifier     = var.identifier
  engine         = var.engine
  engine_version = coalesce(var.engine_version, local.default_engine_versions[var.engine])
  instance_class = var.instance_class
  db_name        = var.database_name
  username       = var.master_username

  # RDS generates the password and keeps it in Secrets Manager (rotated there), so it is never
  # in this configuration, in a variable or in the Terraform state.
  manage_master_user_password = true

  allocated_storage     = var.allocated_storage_gb
  max_allocated_storage = var.max_allocated_storage_gb
  storage_type          = "gp3"
  storage_encrypted     = true

  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = var.vpc_security_group_ids
  publicly_accessible    = false
  multi_az               = var.multi_az

  backup_retention_period    = var.backup_retention_days
  copy_tags_to_snapshot      = true
  auto_minor_version_upgrade = true
  deletion_protection        = var.deletion_protection

  # A destroy keeps one last snapshot instead of losing the data.
  skip_final_snapshot       = false
  final_snapshot_identifier = "${var.identifier}-final"

  tags = { Name = var.identifier }
}
