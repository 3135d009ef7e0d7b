variable "region" {
  description = "AWS region of the cluster, for example eu-west-1."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-\\d$", var.region))
    error_message = "region must be an AWS region name such as eu-west-1 or us-east-2."
  }
}

variable "cluster_name" {
  description = "Name of the EKS cluster."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z][a-zA-Z0-9-]{0,99}$", var.cluster_name))
    error_message = "cluster_name must start with a letter and have at most 100 letters, digits or dashes."
  }
}

variable "kubernetes_version" {
  description = "Kubernetes version such as 1.33; null takes the newest version EKS offers when the cluster is created."
  type        = string
  default     = null

  validation {
    condition     = var.kubernetes_version == null || can(regex("^1\\.\\d+$", var.kubernetes_version))
    error_message = "kubernetes_version must be a minor version such as 1.33, or null."
  }
}

variable "subnet_ids" {
  description = "Private subnets for the control plane's network interfaces and the nodes, in at least two zones (the aws-vpc template's private_subnet_ids output)."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "subnet_ids needs at least two subnets in different availability zones."
  }
}

variable "public_access_cidrs" {
  description = "IPv4 ranges allowed to reach the Kubernetes API from the internet. Empty: the API is reachable only from inside the VPC."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for cidr in var.public_access_cidrs : can(cidrhost(cidr, 0))])
    error_message = "Every entry of public_access_cidrs must be an IPv4 CIDR such as 203.0.113.0/24."
  }
}

variable "admin_principal_arns" {
  description = "IAM users or roles given cluster-admin through EKS access entries (the identity that creates the cluster is admin too)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.admin_principal_arns : can(regex("^arn:aws[a-z-]*:iam::\\d{12}:(role|user)/.+$", arn))])
    error_message = "admin_principal_arns must be IAM role or user ARNs such as arn:aws:iam::123456789012:role/platform-admin."
  }
}

variable "node_instance_types" {
  description = "EC2 instance types of the managed node group (several spread Spot capacity)."
  type        = list(string)
  default     = ["t3.large"]
}

variable "node_capacity_type" {
  description = "ON_DEMAND or SPOT."
  type        = string
  default     = "ON_DEMAND"

  validation {
    condition     = contains(["ON_DEMAND", "SPOT"], var.node_capacity_type)
    error_message = "node_capacity_type must be ON_DEMAND or SPOT."
  }
}

variable "node_ami_type" {
  description = "AMI family of the nodes: AL2023_x86_64_STANDARD, AL2023_ARM_64_STANDARD (Graviton instance types), BOTTLEROCKET_x86_64 or BOTTLEROCKET_ARM_64."
  type        = string
  default     = "AL2023_x86_64_STANDARD"

  validation {
    condition     = contains(["AL2023_x86_64_STANDARD", "AL2023_ARM_64_STANDARD", "BOTTLEROCKET_x86_64", "BOTTLEROCKET_ARM_64"], var.node_ami_type)
    error_message = "node_ami_type must be one of AL2023_x86_64_STANDARD, AL2023_ARM_64_STANDARD, BOTTLEROCKET_x86_64, BOTTLEROCKET_ARM_64."
  }
}

variable "node_min_size" {
  description = "Fewest nodes."
  type        = number
  default     = 1

  validation {
    condition     = var.node_min_size >= 0
    error_message = "node_min_size must be 0 or more."
  }
}

variable "node_desired_size" {
  description = "Nodes to start with (later changes by a cluster autoscaler are left alone)."
  type        = number
  default     = 2
}

variable "node_max_size" {
  description = "Most nodes."
  type        = number
  default     = 3

  validation {
    condition     = var.node_max_size >= 1
    error_message = "node_max_size must be 1 or more."
  }
}

variable "log_retention_days" {
  description = "Days the control plane's logs (api, audit, authenticator) are kept in CloudWatch Logs."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "tags" {
  description = "Tags added to every resource, on top of managed-by and module."
  type        = map(string)
  default     = {}
}
