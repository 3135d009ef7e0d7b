variable "resource_group_name" {
  description = "Existing resource group of the cluster (the azure-resource-group template's name output)."
  type        = string
}

variable "location" {
  description = "Azure region of the cluster, for example westeurope."
  type        = string

  validation {
    condition     = can(regex("^[a-z]+[a-z0-9]*$", var.location))
    error_message = "location must be an Azure region name in lower case without spaces, such as westeurope."
  }
}

variable "name" {
  description = "Name of the AKS cluster, also its DNS prefix."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9][a-zA-Z0-9-]{0,52}[a-zA-Z0-9]$", var.name))
    error_message = "name must be 2 to 54 letters, digits or dashes, starting and ending with a letter or digit."
  }
}

variable "kubernetes_version" {
  description = "Kubernetes version such as 1.33; null takes AKS's default version when the cluster is created. Patch versions are upgraded automatically."
  type        = string
  default     = null

  validation {
    condition     = var.kubernetes_version == null || can(regex("^1\\.\\d+$", var.kubernetes_version))
    error_message = "kubernetes_version must be a minor version such as 1.33, or null."
  }
}

variable "sku_tier" {
  description = "Free (no uptime SLA, for dev), Standard (SLA, for production) or Premium (long-term support)."
  type        = string
  default     = "Free"

  validation {
    condition     = contains(["Free", "Standard", "Premium"], var.sku_tier)
    error_message = "sku_tier must be Free, Standard or Premium."
  }
}

variable "subnet_id" {
  description = "Subnet of the nodes (the azure-networking template's subnet_ids[\"app\"]); null lets AKS create a network of its own."
  type        = string
  default     = null
}

variable "node_vm_size" {
  description = "VM size of the nodes."
  type        = string
  default     = "Standard_D2s_v5"
}

variable "node_min_count" {
  description = "Fewest nodes the autoscaler keeps."
  type        = number
  default     = 1

  validation {
    condition     = var.node_min_count >= 1
    error_message = "node_min_count must be at least 1 (the system pool cannot be empty)."
  }
}

variable "node_max_count" {
  description = "Most nodes the autoscaler adds."
  type        = number
  default     = 3
}

variable "availability_zones" {
  description = "Zones to spread the nodes over, for example [\"1\", \"2\", \"3\"]; empty for regions without zones."
  type        = list(string)
  default     = []
}

variable "api_server_authorized_ip_ranges" {
  description = "IPv4 ranges allowed to reach the Kubernetes API. Empty: any address (the API still needs credentials)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for cidr in var.api_server_authorized_ip_ranges : can(cidrhost(cidr, 0))])
    error_message = "Every entry of api_server_authorized_ip_ranges must be an IPv4 CIDR such as 203.0.113.0/24."
  }
}

variable "admin_group_object_ids" {
  description = "Entra ID groups that are cluster admins. When set, sign-in goes through Entra ID with Azure RBAC and the cluster's local admin account is turned off."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags added to every resource, on top of managed-by and module."
  type        = map(string)
  default     = {}
}
