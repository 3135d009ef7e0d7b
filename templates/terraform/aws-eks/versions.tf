terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.40, < 7.0"
    }
  }
}

# A root module as copied into a workspace: credentials come from the usual AWS chain
# (AWS_PROFILE, environment, SSO), never from this file. Delete this block to call the folder
# as a child module from a configuration that configures the provider itself.
provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}
