variable "region" {
  description = "AWS region of the VPC, for example eu-west-1."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-\\d$", var.region))
    error_message = "region must be an AWS region name such as eu-west-1 or us-east-2."
  }
}

variable "name" {
  description = "Prefix of the security groups, the flow log group and their Name tags."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$", var.name))
    error_message = "name must be 2 to 40 lower-case letters, digits or dashes, starting and ending with a letter or digit."
  }
}

variable "vpc_id" {
  description = "ID of the existing VPC (the aws-vpc template's vpc_id output)."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]{8,17}$", var.vpc_id))
    error_message = "vpc_id must be a VPC ID such as vpc-0123456789abcdef0."
  }
}

variable "load_balancer_ingress_cidrs" {
  description = "IPv4 ranges allowed to reach the load balancer on HTTPS (443)."
  type        = list(string)
  default     = ["0.0.0.0/0"]

  validation {
    condition     = alltrue([for cidr in var.load_balancer_ingress_cidrs : can(cidrhost(cidr, 0))])
    error_message = "Every entry of load_balancer_ingress_cidrs must be an IPv4 CIDR such as 203.0.113.0/24."
  }
}

variable "app_port" {
  description = "Port the application listens on; only the load balancer's group may reach it."
  type        = number
  default     = 8080

  validation {
    condition     = var.app_port >= 1 && var.app_port <= 65535
    error_message = "app_port must be between 1 and 65535."
  }
}

variable "database_port" {
  description = "Port of the database (5432 PostgreSQL, 3306 MySQL); only the application's group may reach it."
  type        = number
  default     = 5432

  validation {
    condition     = var.database_port >= 1 && var.database_port <= 65535
    error_message = "database_port must be between 1 and 65535."
  }
}

variable "private_route_table_ids" {
  description = "Route tables that get an S3 gateway endpoint, so private subnets reach S3 without the NAT gateway. Empty: no endpoint."
  type        = list(string)
  default     = []
}

variable "flow_log_retention_days" {
  description = "Days the VPC flow log is kept in CloudWatch Logs; 0 turns the flow log off."
  type        = number
  default     = 30

  validation {
    condition     = contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.flow_log_retention_days)
    error_message = "flow_log_retention_days must be 0 (no flow log) or a CloudWatch Logs retention: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "tags" {
  description = "Tags added to every resource, on top of managed-by and module."
  type        = map(string)
  default     = {}
}
