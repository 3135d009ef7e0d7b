variable "name" {
  description = "Name of the resource group, for example rg-shop-prod-weu."
  type        = string

  validation {
    condition     = can(regex("^[-\\w.()]{1,89}[-\\w()]$", var.name))
    error_message = "name must be 2 to 90 letters, digits, underscores, dashes, periods or parentheses, and not end with a period."
  }
}

variable "location" {
  description = "Azure region, for example westeurope or eastus2."
  type        = string

  validation {
    condition     = can(regex("^[a-z]+[a-z0-9]*$", var.location))
    error_message = "location must be an Azure region name in lower case without spaces, such as westeurope."
  }
}

variable "environment" {
  description = "Environment tag: dev, staging or prod."
  type        = string
  default     = "dev"

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "delete_lock" {
  description = "Put a CanNotDelete lock on the group, so neither it nor anything in it can be deleted until the lock is removed. null: only for prod."
  type        = bool
  default     = null
}

variable "tags" {
  description = "Tags added to the group, on top of managed-by, module and environment."
  type        = map(string)
  default     = {}
}
