variable "resource_group_name" {
  description = "Existing resource group to create the network in (the azure-resource-group template's name output)."
  type        = string
}

variable "location" {
  description = "Azure region of the network; the same as the resource group's, normally."
  type        = string

  validation {
    condition     = can(regex("^[a-z]+[a-z0-9]*$", var.location))
    error_message = "location must be an Azure region name in lower case without spaces, such as westeurope."
  }
}

variable "name" {
  description = "Name of the virtual network and the prefix of its security groups and NAT gateway."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9][-\\w.]{0,62}[\\w]$", var.name))
    error_message = "name must be 2 to 64 letters, digits, underscores, dashes or periods, starting with a letter or digit and ending with a letter, digit or underscore."
  }
}

variable "address_space" {
  description = "IPv4 ranges of the virtual network."
  type        = list(string)
  default     = ["10.10.0.0/16"]

  validation {
    condition     = length(var.address_space) > 0 && alltrue([for cidr in var.address_space : can(cidrhost(cidr, 0))])
    error_message = "address_space must be one or more IPv4 CIDRs such as 10.10.0.0/16."
  }
}

variable "subnets" {
  description = "Subnets by name: their ranges inside address_space and, optionally, service endpoints (Microsoft.Sql, Microsoft.Storage...) and a service the subnet is delegated to (Microsoft.DBforPostgreSQL/flexibleServers...)."
  type = map(object({
    address_prefixes  = list(string)
    service_endpoints = optional(list(string), [])
    delegation        = optional(string)
  }))
  default = {
    app  = { address_prefixes = ["10.10.1.0/24"] }
    data = { address_prefixes = ["10.10.2.0/24"], service_endpoints = ["Microsoft.Sql", "Microsoft.Storage"] }
  }

  validation {
    condition     = alltrue(flatten([for subnet in values(var.subnets) : [for cidr in subnet.address_prefixes : can(cidrhost(cidr, 0))]]))
    error_message = "Every subnet's address_prefixes must be IPv4 CIDRs such as 10.10.1.0/24."
  }
}

variable "nat_gateway" {
  description = "Give the subnets outbound internet access through a NAT gateway with a static public IP (new virtual networks get no default outbound access)."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags added to every resource, on top of managed-by and module."
  type        = map(string)
  default     = {}
}
