terraform {
  required_version = ">= 1.5.0"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
  }
}

# A root module as copied into a workspace: the subscription comes from ARM_SUBSCRIPTION_ID and
# the credentials from `az login` or the ARM_* environment, never from this file. Delete this
# block to call the folder as a child module from a configuration that configures the provider.
provider "azurerm" {
  features {}
}
