using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Hosting;

/// <summary>
/// Parley started as its own process from the built output, as someone trying it would start it: no
/// settings, a fresh directory. What it prints on start-up must be true and must work when copied.
/// </summary>
[Collection(DemoSeedingCollection.Name)]
public sealed class FirstRunTests : IDisposable
{
    private const int DefaultPort = 5080;
    private static readonly Uri DefaultAddress = new($"http://127.0.0.1:{DefaultPort}/");

    private readonly List<DirectoryInfo> _directories = [];

    [Fact]
    public async Task A_first_run_with_no_settings_serves_on_port_5080_keeps_its_data_in_dot_data_and_prints_a_banner_that_works()
    {
        EnsureFree(DefaultPort);
        var workingDirectory = NewDirectory();
        await using var server = ServerProcess.Start(workingDirectory);

        await server.WaitUntilHealthyAsync(DefaultAddress);
        var banner = await server.WaitForBannerAsync();

        Assert.True(File.Exists(Path.Combine(workingDirectory, "data", "parley.db")), $"No data in {workingDirectory}/data.\n{banner}");

        Assert.Equal($"http://127.0.0.1:{DefaultPort}/playground", PrintedBanner.Playground(banner));
        using var anonymous = new HttpClient();
        using var playground = await anonymous.GetAsync(PrintedBanner.Playground(banner));
        Assert.Equal(HttpStatusCode.OK, playground.StatusCode);

        var key = PrintedBanner.AdminKey(banner);
        Assert.False(string.IsNullOrEmpty(key), banner);
        using var withoutKey = await anonymous.GetAsync(new Uri(DefaultAddress, "/v1/workspaces"));
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        var workspaces = await GetJsonAsync(DefaultAddress, "/v1/workspaces", key!);
        Assert.Equal(1, workspaces.GetArrayLength());

        var curl = PrintedBanner.CurlCommand(banner)!;
        Assert.Contains(PrintedBanner.DemoBot(banner)!, curl, StringComparison.Ordinal);
        _ = RequiredTool.Curl;
        var run = await ProcessRunner.RunAsync(RequiredTool.Bash, ["-c", curl], workingDirectory);
        var stream = SseTranscript.Parse(run.StandardOutput);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(stream.OfType("content").Count() >= 2, $"The answer should stream in pieces: {stream.Describe()}");
        Assert.Contains("widget", stream.Answer, StringComparison.OrdinalIgnoreCase);
        var citations = stream.Done.GetProperty("citations").EnumerateArray().ToList();
        Assert.NotEmpty(citations);
        Assert.All(citations, c => Assert.StartsWith($"http://127.0.0.1:{DefaultPort}/docs/", c.GetProperty("source_url").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_address_the_data_directory_and_the_admin_key_can_be_chosen()
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var (workingDirectory, dataDirectory) = (NewDirectory(), NewDirectory());
        var chosenKey = "chosen-admin-key-" + Guid.NewGuid().ToString("N");
        await using var server = ServerProcess.Start(workingDirectory, ["--urls", address.ToString().TrimEnd('/')],
            new Dictionary<string, string> { ["PARLEY_DATA_DIR"] = dataDirectory, ["PARLEY_ADMIN_KEY"] = chosenKey });

        await server.WaitUntilHealthyAsync(address);
        var banner = await server.WaitForBannerAsync();

        Assert.Equal($"http://127.0.0.1:{port}/playground", PrintedBanner.Playground(banner));
        Assert.DoesNotContain(chosenKey, server.Output, StringComparison.Ordinal);
        var bots = await GetJsonAsync(address, "/v1/bots", chosenKey);
        Assert.Equal(PrintedBanner.DemoBot(banner), bots.EnumerateArray().Single().GetProperty("id").GetString());
        Assert.True(File.Exists(Path.Combine(dataDirectory, "parley.db")), $"No data in {dataDirectory}.");
        Assert.False(Directory.Exists(Path.Combine(workingDirectory, "data")), "Parley wrote ./data although PARLEY_DATA_DIR was set.");

        await server.StopAsync();
        AssertNotStoredInPlainText(chosenKey, dataDirectory);
    }

    [Fact]
    public async Task A_restart_keeps_the_data_and_the_generated_key_and_never_shows_the_key_again()
    {
        var (workingDirectory, dataDirectory) = (NewDirectory(), NewDirectory());
        var settings = new Dictionary<string, string> { ["PARLEY_DATA_DIR"] = dataDirectory };

        var firstAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        string key, demoBot;
        await using (var first = ServerProcess.Start(workingDirectory, ["--urls", firstAddress.ToString().TrimEnd('/')], settings))
        {
            await first.WaitUntilHealthyAsync(firstAddress);
            var banner = await first.WaitForBannerAsync();
            key = PrintedBanner.AdminKey(banner)!;
            demoBot = PrintedBanner.DemoBot(banner)!;
            var bots = await GetJsonAsync(firstAddress, "/v1/bots", key);
            Assert.Equal(demoBot, bots.EnumerateArray().Single().GetProperty("id").GetString());
            await first.StopAsync();
        }

        AssertNotStoredInPlainText(key, dataDirectory);
        var secondAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        await using var second = ServerProcess.Start(workingDirectory, ["--urls", secondAddress.ToString().TrimEnd('/')], settings);
        await second.WaitUntilHealthyAsync(secondAddress);
        var restartBanner = await second.WaitForBannerAsync();

        Assert.DoesNotContain(key, second.Output, StringComparison.Ordinal);
        Assert.NotNull(PrintedBanner.AdminKeyLine(restartBanner));
        Assert.Equal(demoBot, PrintedBanner.DemoBot(restartBanner));
        var botsAfterRestart = await GetJsonAsync(secondAddress, "/v1/bots", key);
        Assert.Equal(demoBot, botsAfterRestart.EnumerateArray().Single().GetProperty("id").GetString());
        Assert.Equal(1, (await GetJsonAsync(secondAddress, "/v1/workspaces", key)).GetArrayLength());
    }

    public void Dispose()
    {
        foreach (var directory in _directories)
        {
            try
            {
                directory.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A file of a process that is still going away; the OS temp cleaner will take it.
            }
        }
    }

    private static async Task<JsonElement> GetJsonAsync(Uri address, string path, string bearer)
    {
        using var http = new HttpClient { BaseAddress = address };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} with the admin key answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static void AssertNotStoredInPlainText(string key, string dataDirectory)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        foreach (var file in Directory.EnumerateFiles(dataDirectory, "*", SearchOption.AllDirectories))
            Assert.False(File.ReadAllBytes(file).AsSpan().IndexOf(bytes) >= 0, $"The admin key is written in plain text in {file}.");
    }

    private static void EnsureFree(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
        }
        catch (SocketException e)
        {
            Assert.Fail($"Port {port} on 127.0.0.1 is in use ({e.SocketErrorCode}), so Parley's default address cannot be tested. " +
                        "Stop whatever listens there (another Parley?) and run the test again.");
        }
        finally
        {
            listener.Stop();
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private string NewDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("parley-first-run-");
        _directories.Add(directory);
        return directory.FullName;
    }
}
