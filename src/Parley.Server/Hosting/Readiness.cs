using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Parley.Server.Hosting;

/// <summary>Healthy once start-up work (migrations, seeding) is done, so <c>/healthz</c> means "ready to serve".</summary>
public sealed class Readiness : IHealthCheck
{
    private volatile bool _ready;

    public void MarkReady() => _ready = true;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_ready ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Starting."));
}
