variable "region" {
  description = "AWS region of the database, for example eu-west-1."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-\\d$", var.region))
    error_message = "region must be an AWS region name such as eu-west-1 or us-east-2."
  }
}

variable "identifier" {
  description = "Name of the DB instance (also the prefix of its subnet group and final snapshot)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,61}[a-z0-9]$", var.identifier)) && !strcontains(var.identifier, "--")
    error_message = "identifier must start with a letter, be 2 to 63 lower-case letters, digits or single dashes, and not end with a dash."
  }
}

variable "engine" {
  description = "Database engine: postgres or mysql."
  type        = string
  default     = "postgres"

  validation {
    condition     = contains(["postgres", "mysql"], var.engine)
    error_message = "engine must be postgres or mysql."
  }
}

variable "engine_version" {
  description = "Major version of the engine; null picks 17 for PostgreSQL and 8.4 for MySQL. Minor versions are upgraded automatically."
  type        = string
  default     = null
}

variable "instance_class" {
  description = "Instance class, for example db.t4g.micro (test) or db.m7g.large (production)."
  type        = string
  default     = "db.t4g.micro"

  validation {
    condition     = startswith(var.instance_class, "db.")
    error_message = "instance_class must be an RDS instance class such as db.t4g.micro."
  }
}

variable "allocated_storage_gb" {
  description = "Initial storage in GiB; it grows on its own up to max_allocated_storage_gb."
  type        = number
  default     = 20

  validation {
    condition     = var.allocated_storage_gb >= 20 && var.allocated_storage_gb <= 65536
    error_message = "allocated_storage_gb must be between 20 and 65536."
  }
}

variable "max_allocated_storage_gb" {
  description = "Upper limit for storage autoscaling in GiB; equal to allocated_storage_gb turns autoscaling off."
  type        = number
  default     = 100
}

variable "database_name" {
  description = "Name of the database created in the instance."
  type        = string
  default     = "app"

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_]{0,62}$", var.database_name))
    error_message = "database_name must start with a letter and contain only letters, digits and underscores (at most 63)."
  }
}

variable "master_username" {
  description = "Name of the master user. Its password is generated and kept by AWS Secrets Manager, never in Terraform."
  type        = string
  default     = "app_admin"

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_]{0,15}$", var.master_username)) && !contains(["admin", "postgres", "rdsadmin", "root"], lower(var.master_username))
    error_message = "master_username must start with a letter, have at most 16 letters, digits or underscores, and not be a reserved name (admin, postgres, rdsadmin, root)."
  }
}

variable "subnet_ids" {
  description = "Private subnets for the DB subnet group, in at least two availability zones (the aws-vpc template's private_subnet_ids output)."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "subnet_ids needs at least two subnets in different availability zones."
  }
}

variable "vpc_security_group_ids" {
  description = "Security groups of the instance (the aws-networking template's database_security_group_id output)."
  type        = list(string)

  validation {
    condition     = length(var.vpc_security_group_ids) >= 1
    error_message = "vpc_security_group_ids needs at least one security group."
  }
}

variable "multi_az" {
  description = "Keep a standby in a second zone that takes over on failure (about twice the cost)."
  type        = bool
  default     = false
}

variable "backup_retention_days" {
  description = "Days automated backups are kept (1 to 35)."
  type        = number
  default     = 7

  validation {
    condition     = var.backup_retention_days >= 1 && var.backup_retention_days <= 35
    error_message = "backup_retention_days must be between 1 and 35."
  }
}

variable "deletion_protection" {
  description = "Refuse to delete the instance until this is set to false and applied."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags added to every resource, on top of managed-by and module."
  type        = map(string)
  default     = {}
}
