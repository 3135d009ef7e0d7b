variable "region" {
  description = "AWS region to create the VPC in, for example eu-west-1."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-\\d$", var.region))
    error_message = "region must be an AWS region name such as eu-west-1 or us-east-2."
  }
}

variable "name" {
  description = "Name of the VPC, used as the prefix of every resource's Name tag."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$", var.name))
    error_message = "name must be 2 to 40 lower-case letters, digits or dashes, starting and ending with a letter or digit."
  }
}

variable "cidr_block" {
  description = "IPv4 range of the VPC."
  type        = string
  default     = "10.0.0.0/16"

  validation {
    # Two checks that cannot fail on bad input: terraform evaluates both sides of &&.
    condition     = can(cidrhost(var.cidr_block, 0)) && can(regex("/(1[6-9]|2[0-4])$", var.cidr_block))
    error_message = "cidr_block must be an IPv4 CIDR from /16 to /24, such as 10.0.0.0/16."
  }
}

variable "availability_zone_count" {
  description = "How many availability zones to spread the subnets over (one public and one private subnet in each)."
  type        = number
  default     = 2

  validation {
    condition     = var.availability_zone_count >= 1 && var.availability_zone_count <= 6
    error_message = "availability_zone_count must be between 1 and 6."
  }
}

variable "subnet_newbits" {
  description = "Bits added to the VPC prefix for each subnet: 8 turns a /16 into /24 subnets."
  type        = number
  default     = 8

  validation {
    condition     = var.subnet_newbits >= 4 && var.subnet_newbits <= 12
    error_message = "subnet_newbits must be between 4 and 12 (the public and private subnets need 16 ranges)."
  }
}

variable "nat_gateway" {
  description = "NAT for the private subnets: \"none\", \"single\" (one gateway, cheaper) or \"per_az\" (one per zone, survives a zone outage)."
  type        = string
  default     = "single"

  validation {
    condition     = contains(["none", "single", "per_az"], var.nat_gateway)
    error_message = "nat_gateway must be one of none, single, per_az."
  }
}

variable "tags" {
  description = "Tags added to every resource, on top of managed-by and module."
  type        = map(string)
  default     = {}
}
