using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using BillingOne.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// The system comes back by itself: a killed service, a crashed PostgreSQL or RabbitMQ, a frozen service, a server an
/// operator stopped and started again. Each test ends with every service answering through the gateway again.
/// </summary>
[Collection(FaultedSystemCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class FaultRecoveryTests(FaultedSystemFixture fixture)
{
    private RunningSystem System => fixture.System;

    [SystemFact]
    public async Task A_killed_service_process_is_started_again_and_becomes_healthy_without_a_person()
    {
        var killed = System.ServiceProcessOf("subscription");

        Process.GetProcessById(killed).Kill();

        await WithLogsOfAsync("subscription", () => Eventually.AssertAsync(() =>
        {
            var snapshot = System.Snapshot("subscription");
            snapshot.State?.Text.ShouldBe(KnownResourceStates.Running);
            snapshot.HealthStatus.ShouldBe(HealthStatus.Healthy);
            System.ServiceProcessOf("subscription").ShouldNotBe(killed);
            return Task.CompletedTask;
        }, TimeSpan.FromMinutes(2)));
        System.Output.ShouldContain("exited unexpectedly");
        await SystemRecovery.EveryServiceAnswersAsync(System);
    }

    [SystemFact]
    public async Task A_frozen_service_that_still_holds_its_port_is_restarted_by_its_liveness_probe()
    {
        var frozen = System.ServiceProcessOf("invoice");

        // SIGSTOP: the process lives on and keeps its port, but answers nothing, as a wedged one would.
        await SignalAsync("STOP", frozen);

        await WithLogsOfAsync("invoice", () => Eventually.AssertAsync(() =>
        {
            System.ServiceProcessOf("invoice").ShouldNotBe(frozen);
            System.Snapshot("invoice").HealthStatus.ShouldBe(HealthStatus.Healthy);
            return Task.CompletedTask;
        }, TimeSpan.FromMinutes(2)));
        System.Output.ShouldContain("liveness probes in a row");
        Process.GetProcesses().ShouldNotContain(process => process.Id == frozen, "the frozen process was killed");
        await SystemRecovery.EveryServiceAnswersAsync(System);
    }

    [SystemTheory]
    [InlineData("postgres")]
    [InlineData("rabbitmq")]
    public async Task A_crashed_server_runs_again_within_30_seconds_and_every_service_answers_within_a_minute(string server)
    {
        var launcher = System.LauncherOf(server);
        var crash = Stopwatch.StartNew();

        // PostgreSQL: the postmaster killed under its wrapper. RabbitMQ: the node's whole process tree.
        if (server == "postgres")
        {
            Process.GetProcessById(System.ServiceProcessOf(server)).Kill();
        }
        else
        {
            Process.GetProcessById(launcher).Kill(entireProcessTree: true);
        }

        await Eventually.AssertAsync(() =>
        {
            System.LauncherOf(server).ShouldNotBe(launcher);
            var snapshot = System.Snapshot(server);
            snapshot.State?.Text.ShouldBe(KnownResourceStates.Running, server);
            snapshot.HealthStatus.ShouldBe(HealthStatus.Healthy, server);
            return Task.CompletedTask;
        }, SystemRecovery.ServerBack);
        var serverBack = crash.Elapsed;
        await SystemRecovery.EveryServiceAnswersAsync(System);
        Console.WriteLine($"{server} crashed: running and healthy again after {serverBack.TotalSeconds:F1} s, " +
            $"every service answering after {crash.Elapsed.TotalSeconds:F1} s");
        // The restart is the AppHost's CrashRestarter's, which names the instance (the resource and its suffix).
        Regex.IsMatch(System.Output, $@"\b{server}(-\w+)? exited unexpectedly").ShouldBeTrue("the crash was logged");
    }

    [SystemTheory]
    [InlineData("postgres")]
    [InlineData("rabbitmq")]
    public async Task A_service_shows_unhealthy_while_its_database_or_broker_is_down_and_healthy_again_once_it_is_back(string server)
    {
        try
        {
            await SystemRecovery.StopServerAsync(System, server);
            await Eventually.AssertAsync(() =>
            {
                System.Snapshot("metering").HealthStatus.ShouldNotBe(HealthStatus.Healthy);
                return Task.CompletedTask;
            }, TimeSpan.FromMinutes(1));
            // An operator's Stop is not a crash: the server stays stopped.
            await Task.Delay(TimeSpan.FromSeconds(5));
            System.Snapshot(server).State?.Text.ShouldNotBe(KnownResourceStates.Running);
        }
        finally
        {
            await SystemRecovery.StartServerAsync(System, server);
        }
        await SystemRecovery.EveryServiceAnswersAsync(System);
    }

    private async Task WithLogsOfAsync(string resource, Func<Task> assertion)
    {
        try
        {
            await assertion();
        }
        catch (ShouldAssertException notBack)
        {
            // What the restarted process said is the only clue to why it did not come back.
            throw new ShouldAssertException($"{notBack.Message}\n{resource}'s last lines:\n" +
                string.Join('\n', System.LogsOf(resource).TakeLast(120)), notBack);
        }
    }

    private static async Task SignalAsync(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        kill.ExitCode.ShouldBe(0, $"kill -{signal} {pid}");
    }
}
