namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// What a test server runs on. The same tests run on each: a test class names its backend, and a class
/// derived from it per backend (see Storage/OnPostgres.cs) runs every one of its tests again there.
/// </summary>
public enum Backend
{
    /// <summary>The embedded deployment: one SQLite file, in-process rate limits and locks.</summary>
    Sqlite,

    /// <summary>PostgreSQL (a fresh database in the run's throwaway cluster), in-process rate limits and locks.</summary>
    Postgres,

    /// <summary>The scale-out deployment: PostgreSQL and Redis.</summary>
    PostgresAndRedis,
}
