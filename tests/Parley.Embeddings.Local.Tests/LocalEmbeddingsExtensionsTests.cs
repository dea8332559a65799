using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Parley.Embeddings.Local.Tests;

public sealed class LocalEmbeddingsExtensionsTests
{
    [Fact]
    public void AddLocalEmbeddings_ConfigurationSection_BindsOptions()
    {
        using var provider = Build(new() { ["Parley:Embeddings:Local:BatchSize"] = "8", ["Parley:Embeddings:Local:IntraOpThreads"] = "1" });

        var options = provider.GetRequiredService<IOptions<LocalEmbeddingsOptions>>().Value;

        Assert.Equal(8, options.BatchSize);
        Assert.Equal(256, options.MaxTokens);
        Assert.Equal(1, options.IntraOpThreads);
    }

    [Fact]
    public void AddLocalEmbeddings_ConfigureDelegate_AppliesAfterConfiguration()
    {
        using var provider = Build(new() { ["Parley:Embeddings:Local:BatchSize"] = "8" }, options => options.BatchSize = 64);

        Assert.Equal(64, provider.GetRequiredService<IOptions<LocalEmbeddingsOptions>>().Value.BatchSize);
    }

    [Fact]
    public void AddLocalEmbeddings_MaxTokensAbove512_FailsStartUpValidation()
    {
        using var provider = Build(new() { ["Parley:Embeddings:Local:MaxTokens"] = "1024" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("MaxTokens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddLocalEmbeddings_Resolve_GivesOneWorkingGenerator()
    {
        using var provider = Build(new() { ["Parley:Embeddings:Local:IntraOpThreads"] = "1" });

        var generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var vector = await generator.GenerateVectorAsync("How do I get a refund?");

        Assert.IsType<MiniLmEmbeddingGenerator>(generator);
        Assert.Same(generator, provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Equal(384, vector.Length);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<LocalEmbeddingsOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLocalEmbeddings(configure);
        return services.BuildServiceProvider();
    }
}
