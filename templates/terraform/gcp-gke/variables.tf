variable "project_id" {
  description = "Project of the cluster (the gcp-project template's project_id output)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a project ID: 6 to 30 lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "region" {
  description = "Region of the cluster, for example europe-west1."
  type        = string

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+\\d+$", var.region))
    error_message = "region must be a Google Cloud region such as europe-west1 or us-central1."
  }
}

variable "zone" {
  description = "A zone of the region, such as europe-west1-b, for a zonal cluster (cheaper, one control plane replica); null for a regional cluster with nodes in every zone."
  type        = string
  default     = null

  validation {
    condition     = var.zone == null || can(regex("^[a-z]+-[a-z]+\\d+-[a-z]$", var.zone))
    error_message = "zone must be a Google Cloud zone such as europe-west1-b, or null."
  }
}

variable "name" {
  description = "Name of the GKE cluster."
  type        = string

  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$", var.name))
    error_message = "name must start with a lower-case letter and have at most 40 lower-case letters, digits or dashes, not ending with a dash."
  }
}

variable "network" {
  description = "Name of the VPC network (the gcp-networking template's network_name output)."
  type        = string
}

variable "subnetwork" {
  description = "Name of the subnet for the nodes (the gcp-networking template's subnet_names[\"gke\"])."
  type        = string
}

variable "pods_range_name" {
  description = "Secondary range of the subnet that pods take their addresses from."
  type        = string
  default     = "pods"
}

variable "services_range_name" {
  description = "Secondary range of the subnet that services take their addresses from."
  type        = string
  default     = "services"
}

variable "release_channel" {
  description = "How fast GKE upgrades the cluster: RAPID, REGULAR or STABLE."
  type        = string
  default     = "REGULAR"

  validation {
    condition     = contains(["RAPID", "REGULAR", "STABLE"], var.release_channel)
    error_message = "release_channel must be RAPID, REGULAR or STABLE."
  }
}

variable "master_ipv4_cidr_block" {
  description = "A /28 range, unused in the network, for the control plane's private endpoint."
  type        = string
  default     = "172.16.0.0/28"

  validation {
    condition     = can(cidrhost(var.master_ipv4_cidr_block, 0)) && endswith(var.master_ipv4_cidr_block, "/28")
    error_message = "master_ipv4_cidr_block must be an IPv4 /28 such as 172.16.0.0/28."
  }
}

variable "master_authorized_networks" {
  description = "Ranges allowed to reach the Kubernetes API, by a name shown in the console (for example { office = \"203.0.113.0/24\" }). Empty: any address (the API still needs credentials)."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for cidr in values(var.master_authorized_networks) : can(cidrhost(cidr, 0))])
    error_message = "Every value of master_authorized_networks must be an IPv4 CIDR such as 203.0.113.0/24."
  }
}

variable "node_machine_type" {
  description = "Machine type of the nodes."
  type        = string
  default     = "e2-standard-4"
}

variable "node_disk_size_gb" {
  description = "Boot disk size of each node in GB."
  type        = number
  default     = 100

  validation {
    condition     = var.node_disk_size_gb >= 10
    error_message = "node_disk_size_gb must be at least 10."
  }
}

variable "node_min_count" {
  description = "Fewest nodes per zone."
  type        = number
  default     = 1

  validation {
    condition     = var.node_min_count >= 0
    error_message = "node_min_count must be 0 or more."
  }
}

variable "node_max_count" {
  description = "Most nodes per zone."
  type        = number
  default     = 3

  validation {
    condition     = var.node_max_count >= 1
    error_message = "node_max_count must be 1 or more."
  }
}

variable "spot" {
  description = "Run the nodes on Spot VMs (much cheaper, may be stopped at any time)."
  type        = bool
  default     = false
}

variable "deletion_protection" {
  description = "Refuse to delete the cluster until this is set to false and applied."
  type        = bool
  default     = true
}

variable "labels" {
  description = "Labels added to the cluster and every resource that takes them, on top of managed-by and module."
  type        = map(string)
  default     = {}
}
