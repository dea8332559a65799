using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Knowledge.Ingestion;

/// <summary>A source with a sync interval is fetched again, by itself, once the interval has passed.</summary>
public class ScheduledSyncTests : ParleyTest
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private FakeSite _site = null!;

    public override async Task InitializeAsync()
    {
        _site = await FakeSite.StartAsync();
        _site.Page("/warranty", FakeSite.Html("Warranty", "<p>Every kettle has a two-year warranty against manufacturing defects.</p>"));
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _site.DisposeAsync();
    }

    protected override void Configure(ParleyApp app) => app
        .With("Parley:Knowledge:AllowPrivateNetworks", "true")
        .WithServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock)));

    [Fact]
    public async Task A_source_is_synced_again_when_its_interval_has_passed_and_not_before()
    {
        var botId = await Admin.CreateBotAsync();
        var sourceId = await Admin.AddFetchedSourceAsync(botId, new { type = "url", url = _site.Url("/warranty"), sync_interval_hours = 6 });
        await Admin.WaitForSyncAsync(botId, sourceId);
        _site.Page("/warranty", FakeSite.Html("Warranty", "<p>Every kettle now has a five-year warranty against manufacturing defects.</p>"));

        _clock.Advance(TimeSpan.FromHours(5));
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal(1, _site.Hits("/warranty"));

        _clock.Advance(TimeSpan.FromHours(2));
        await WaitUntilAsync(() => _site.Hits("/warranty") == 2);
        var source = await Admin.WaitForSyncAsync(botId, sourceId);
        Assert.Equal(_clock.GetUtcNow().ToUnixTimeSeconds(), source.GetProperty("last_synced_at").GetDateTimeOffset().ToUnixTimeSeconds());
        var answer = await App.PublicChat().AskAsync(new ChatRequest(botId, "How long is the kettle warranty?", ChatStreams.NewSession()));
        Assert.Contains("five-year", answer.Text, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 200 && !condition(); attempt++)
            await Task.Delay(50);
        Assert.True(condition(), "The scheduled sync never ran.");
    }
}
