terraform {
  required_version = ">= 1.5.0"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 6.0, < 8.0"
    }
  }
}

# A root module as copied into a workspace: credentials come from Application Default
# Credentials (`gcloud auth application-default login`, or a workload identity), never from this
# file. Delete this block to call the folder as a child module.
provider "google" {
  project        = var.project_id
  region         = var.region
  default_labels = local.labels
}
