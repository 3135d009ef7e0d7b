variable "project_id" {
  description = "Globally unique ID of the new project, for example shop-prod-4821."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be 6 to 30 lower-case letters, digits or dashes, start with a letter and not end with a dash."
  }
}

variable "name" {
  description = "Display name of the project; null uses the project_id."
  type        = string
  default     = null
}

variable "billing_account" {
  description = "Billing account the project is charged to, such as 012345-6789AB-CDEF01."
  type        = string

  validation {
    condition     = can(regex("^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$", var.billing_account))
    error_message = "billing_account must look like 012345-6789AB-CDEF01."
  }
}

variable "folder_id" {
  description = "Numeric ID of the folder to create the project in (or set org_id); null for neither."
  type        = string
  default     = null

  validation {
    condition     = var.folder_id == null || can(regex("^\\d+$", var.folder_id))
    error_message = "folder_id must be the folder's numeric ID, without folders/."
  }
}

variable "org_id" {
  description = "Numeric ID of the organization to create the project in, when it is not in a folder."
  type        = string
  default     = null

  validation {
    condition     = var.org_id == null || can(regex("^\\d+$", var.org_id))
    error_message = "org_id must be the organization's numeric ID, without organizations/."
  }
}

variable "services" {
  description = "APIs to turn on in the project."
  type        = list(string)
  default = [
    "compute.googleapis.com",
    "container.googleapis.com",
    "iam.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
    "artifactregistry.googleapis.com",
  ]
}

variable "deletion_policy" {
  description = "What destroying the project does: PREVENT (refuse), DELETE (shut it down; recoverable for 30 days) or ABANDON (leave it and forget it)."
  type        = string
  default     = "PREVENT"

  validation {
    condition     = contains(["PREVENT", "DELETE", "ABANDON"], var.deletion_policy)
    error_message = "deletion_policy must be PREVENT, DELETE or ABANDON."
  }
}

variable "labels" {
  description = "Labels of the project, on top of managed-by and module (lower-case keys and values)."
  type        = map(string)
  default     = {}
}
