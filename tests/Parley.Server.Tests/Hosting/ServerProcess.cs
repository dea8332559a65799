using System.Diagnostics;
using System.Text;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Hosting;

/// <summary>
/// The built Parley server run as its own process, the way someone runs it by hand: <c>dotnet Parley.Server.dll</c>
/// in a directory of their choosing, with none of the test suite's settings in its environment.
/// Disposing it kills the whole process tree, whatever state the test left it in.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    // Settings a developer's shell or the test run may carry; a newcomer's environment has none of them.
    private static readonly string[] InheritedSettings =
        ["PARLEY_DATA_DIR", "PARLEY_ADMIN_KEY", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS"];

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process) => _process = process;

    /// <summary>Everything the server has printed to standard output so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public static ServerProcess Start(string workingDirectory, IReadOnlyList<string>? arguments = null, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerAssembly());
        foreach (var argument in arguments ?? [])
            start.ArgumentList.Add(argument);

        foreach (var name in start.Environment.Keys.ToList())
        {
            if (InheritedSettings.Contains(name, StringComparer.OrdinalIgnoreCase) ||
                name.StartsWith("Parley__", StringComparison.OrdinalIgnoreCase) ||
                name.StartsWith("Parley:", StringComparison.OrdinalIgnoreCase))
                start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;

        var process = new Process { StartInfo = start };
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data is null ? null : "[stderr] " + e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Waits until <c>/healthz</c> at <paramref name="baseAddress"/> answers 200; fails with the server's output if it never does.</summary>
    public async Task WaitUntilHealthyAsync(Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await WaitForAsync(async () =>
        {
            try
            {
                using var response = await http.GetAsync("/healthz");
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException)
            {
                // The probe timed out: a server still starting on a busy machine is not healthy yet, not broken.
                return false;
            }
        }, $"{baseAddress}healthz to answer 200");
    }

    /// <summary>
    /// Waits until this process says it listens on <paramref name="baseAddress"/>, and false if it exited first. A port
    /// picked free can be taken by another test's server before this one binds it: that server would answer the health
    /// probe, while this one fails to start.
    /// </summary>
    public async Task<bool> ListensOnAsync(Uri baseAddress)
    {
        var line = $"Now listening on: {baseAddress.ToString().TrimEnd('/')}";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (Output.Contains(line, StringComparison.Ordinal))
                return true;
            if (_process.HasExited)
                return false;
            await Task.Delay(100);
        }

        Assert.Fail($"Timed out waiting for Parley to listen on {baseAddress}.\n{Output}");
        return false;
    }

    /// <summary>Waits for the start-up banner to be printed in full, up to its curl command, and returns the output.</summary>
    public async Task<string> WaitForBannerAsync()
    {
        await WaitForAsync(() => Task.FromResult(PrintedBanner.IsComplete(Output)), "the start-up banner");
        return Output;
    }

    /// <summary>Stops the server as Ctrl+C would, so a restart finds the data as a user's restart does.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
            return;
        try
        {
            await ProcessRunner.RunAsync("kill", ["-INT", _process.Id.ToString()]);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No kill(1) on this machine: stop it the hard way; SQLite's journal keeps committed data either way.
            _process.Kill(entireProcessTree: true);
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"Parley did not stop within 15 s of Ctrl+C.\n{Output}");
        }
    }

    /// <summary>Kills the server without warning (SIGKILL), as a crash or an OOM kill would.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
                return;
            if (_process.HasExited)
                Assert.Fail($"Parley exited with code {_process.ExitCode} while the test waited for {what}.\n{Output}");
            await Task.Delay(100);
        }

        Assert.Fail($"Timed out waiting for {what}.\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.Append(line).Append('\n');
    }

    /// <summary>The <c>dotnet</c> that runs these tests (the CLI tells its children where it is), else the one on the PATH.</summary>
    internal static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";

    /// <summary>
    /// The server as built beside the tests (the test project references it), or else in its own bin folder.
    /// A runnable build has its <c>runtimeconfig.json</c> next to the dll.
    /// </summary>
    internal static string ServerAssembly()
    {
        var candidates = new List<string> { AppContext.BaseDirectory };
        var binaries = new DirectoryInfo(AppContext.BaseDirectory);
        var (framework, configuration) = (binaries.Name, binaries.Parent?.Name);
        for (var directory = binaries; directory is not null; directory = directory.Parent)
        {
            var serverBin = Path.Combine(directory.FullName, "src", "Parley.Server", "bin");
            if (File.Exists(Path.Combine(directory.FullName, "Parley.slnx")) && Directory.Exists(serverBin))
            {
                candidates.Add(Path.Combine(serverBin, configuration ?? "Debug", framework));
                candidates.AddRange(Directory.GetDirectories(serverBin).Select(c => Path.Combine(c, framework)));
                break;
            }
        }

        var found = candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "Parley.Server.runtimeconfig.json")) && File.Exists(Path.Combine(c, "Parley.Server.dll")));
        if (found is null)
            Assert.Fail($"No runnable Parley.Server.dll (with its runtimeconfig.json) in: {string.Join(", ", candidates)}. Build the solution first.");
        return Path.Combine(found, "Parley.Server.dll");
    }
}
