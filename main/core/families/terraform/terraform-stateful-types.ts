/**
 * Resource types whose deletion loses data that no plan can bring back: databases, buckets,
 * volumes and disks, clusters (with what runs on them), key vaults. Deleting or replacing one is
 * critical. Resources made entirely from configuration (a local_file's content, a random value
 * that is only an input) are not here: planning again recreates them as they were.
 */
const STATEFUL: readonly { readonly pattern: RegExp; readonly holds: string }[] = [
  { pattern: /(_db_instance|_rds_cluster|_rds_cluster_instance|_docdb_cluster|_neptune_cluster|_redshift_cluster|_dynamodb_table|_sql_database_instance|_sql_database|_spanner_instance|_spanner_database|_bigtable_instance|_bigquery_dataset|_bigquery_table|_firestore_database|_cosmosdb_account|_mssql_server|_mssql_database|_postgresql_server|_postgresql_flexible_server|_mysql_server|_mysql_flexible_server|_redis_cache|_elasticache_cluster|_elasticache_replication_group|_opensearch_domain|_elasticsearch_domain|_memorystore_instance|_redis_instance)$/, holds: 'a database' },
  { pattern: /^postgresql_database$|^mysql_database$/, holds: 'a database' },
  { pattern: /(_s3_bucket|_storage_bucket|_storage_account|_storage_container|_storage_share|_efs_file_system|_filestore_instance|_backup_vault|_glacier_vault)$/, holds: 'a bucket or file store' },
  { pattern: /(_ebs_volume|_compute_disk|_compute_region_disk|_managed_disk|_volume|_snapshot)$|^kubernetes_persistent_volume(_claim)?(_v1)?$|^docker_volume$/, holds: 'a volume or disk' },
  { pattern: /(_eks_cluster|_container_cluster|_kubernetes_cluster|_ecs_cluster|_msk_cluster|_dataproc_cluster|_emr_cluster|_hdinsight_\w+_cluster)$/, holds: 'a cluster' },
  { pattern: /(_kms_key|_key_vault|_secretsmanager_secret|_kms_crypto_key)$/, holds: 'keys or secrets' },
  { pattern: /^kubernetes_namespace(_v1)?$/, holds: 'a namespace and everything in it' },
];

/** What a resource type holds that deleting it loses, or null for a type that planning again recreates. */
export function statefulHolds(type: string): string | null {
  return STATEFUL.find((entry) => entry.pattern.test(type))?.holds ?? null;
}
