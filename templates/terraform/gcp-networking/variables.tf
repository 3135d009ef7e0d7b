variable "project_id" {
  description = "Project to create the network in (the gcp-project template's project_id output)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a project ID: 6 to 30 lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "region" {
  description = "Region of the subnets (unless a subnet names its own) and of the Cloud NAT, for example europe-west1."
  type        = string

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+\\d+$", var.region))
    error_message = "region must be a Google Cloud region such as europe-west1 or us-central1."
  }
}

variable "name" {
  description = "Name of the VPC network and the prefix of its subnets, router and firewall rules."
  type        = string

  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{0,40}[a-z0-9])?$", var.name))
    error_message = "name must start with a lower-case letter and have at most 42 lower-case letters, digits or dashes, not ending with a dash."
  }
}

variable "subnets" {
  description = "Subnets by short name: their primary range, optionally another region, and named secondary ranges (GKE takes its pod and service ranges from these)."
  type = map(object({
    ip_cidr_range    = string
    region           = optional(string)
    secondary_ranges = optional(map(string), {})
  }))
  default = {
    gke = {
      ip_cidr_range    = "10.20.0.0/20"
      secondary_ranges = { pods = "10.24.0.0/14", services = "10.20.16.0/20" }
    }
  }

  validation {
    condition     = alltrue([for subnet in values(var.subnets) : can(cidrhost(subnet.ip_cidr_range, 0)) && alltrue([for cidr in values(subnet.secondary_ranges) : can(cidrhost(cidr, 0))])])
    error_message = "Every subnet's ip_cidr_range and secondary_ranges must be IPv4 CIDRs such as 10.20.0.0/20."
  }
}

variable "cloud_nat" {
  description = "Give instances without public IPs (private GKE nodes) outbound internet access through Cloud NAT in the region."
  type        = bool
  default     = true
}

variable "iap_ssh" {
  description = "Allow SSH (22) from Identity-Aware Proxy's range only, so instances need no public IP to be reached."
  type        = bool
  default     = true
}

variable "flow_logs" {
  description = "Record VPC flow logs for the subnets (half of the flows, 5-second aggregation)."
  type        = bool
  default     = true
}
