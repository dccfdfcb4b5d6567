using System.Diagnostics;
using BillingOne.Testing;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>The AppHost supervises: a killed service comes back, and stopping leaves no process behind.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task A_killed_service_is_restarted_and_stopping_leaves_no_process_running()
    {
        await using var system = await RunningSystem.StartAsync("lifecycle", seedDemoData: false);
        var before = (await system.ResourcesAsync()).Single(r => r.Name == "subscription");
        var killedId = before.ProcessId.ShouldNotBeNull();

        using (var kill = Process.Start("kill", ["-KILL", killedId.ToString()]))
        {
            await kill!.WaitForExitAsync();
        }

        await Eventually.AssertAsync(async () =>
        {
            var after = (await system.ResourcesAsync()).Single(r => r.Name == "subscription");
            after.Restarts.ShouldBe(before.Restarts + 1);
            after.ProcessId.ShouldNotBe(killedId);
            after.State.ShouldBe("Healthy");
        }, TimeSpan.FromMinutes(2));

        var supervised = await system.StopAsync();

        supervised.Count.ShouldBeGreaterThanOrEqualTo(9);
        supervised.Where(IsAlive).ShouldBeEmpty(system.Output);
    }

    private static bool IsAlive(int processId) => Directory.Exists($"/proc/{processId}");
}
