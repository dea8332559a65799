using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Insights;

/// <summary>The replicas' grouping race again on PostgreSQL, where replicas really share a database.</summary>
public sealed class InsightsGroupingReplicasOnPostgres : InsightsGroupingReplicasTests
{
    protected override Backend Backend => Backend.Postgres;
}
