// AWS side of the production stack: one ComponentResource per managed service, each with a pure planner.
export { DataKey, DataKeyArgs, planDataKey } from './kms-key';
export { PostgresDatabase, PostgresDatabaseArgs, planPostgres, POSTGRES_MAJOR_VERSIONS } from './postgres';
export { RedisReplicationGroup, RedisReplicationGroupArgs, RedisRole, planRedis, REDIS_EVICTION_POLICY } from './redis';
export { ObjectStorage, ObjectStorageArgs, BucketId, BUCKETS, planObjectStorage } from './object-storage';
export { IrsaRoles, IrsaRolesArgs, IrsaComponent, IRSA_COMPONENTS, planIrsaRoles, objectStoragePolicy, irsaTrustPolicy } from './iam';
