using System.Net;
using BillingOne.Invoice.Connectors.Xero;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BillingOne.Invoice.Tests.Connectors;

/// <summary>Proactive throttling from the remaining-limit headers every Xero answer carries (docs/vendors.md, Xero).</summary>
[Trait("Category", "Unit")]
public sealed class XeroRateGateTests
{
    private static readonly Guid Tenant = Guid.NewGuid();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 6, 5, 0, 0, TimeSpan.Zero));
    private readonly XeroRateGate gate;

    public XeroRateGateTests() => gate = new XeroRateGate(Options.Create(new XeroConnectorOptions
    {
        MinuteLimitReserve = 2,
        DayLimitReserve = 50,
    }), clock);

    private static HttpResponseMessage Answer(int? minute, int? day)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK);
        if (minute is { } left)
        {
            response.Headers.Add(XeroRateGate.MinuteRemainingHeader, left.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (day is { } dayLeft)
        {
            response.Headers.Add(XeroRateGate.DayRemainingHeader, dayLeft.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return response;
    }

    [Fact]
    public void Plenty_left_means_no_wait()
    {
        using var answer = Answer(59, 4999);
        gate.Observe(Tenant, answer);

        gate.DelayBefore(Tenant).ShouldBe(TimeSpan.Zero);
        gate.DelayBefore(Guid.NewGuid()).ShouldBe(TimeSpan.Zero, "a tenant never answered for is not held back");
    }

    [Fact]
    public void A_minute_down_to_the_reserve_waits_until_a_minute_after_that_answer()
    {
        using var answer = Answer(2, 4000);
        gate.Observe(Tenant, answer);
        clock.Advance(TimeSpan.FromSeconds(15));

        gate.DelayBefore(Tenant).ShouldBe(TimeSpan.FromSeconds(45));
        clock.Advance(TimeSpan.FromSeconds(45));
        gate.DelayBefore(Tenant).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void The_apps_minute_down_to_the_reserve_holds_back_every_tenant_until_a_minute_after_that_answer()
    {
        using var answer = Answer(50, 4000);
        answer.Headers.Add(XeroRateGate.AppMinuteRemainingHeader, "2");
        gate.Observe(Tenant, answer);
        clock.Advance(TimeSpan.FromSeconds(20));

        gate.DelayBefore(Tenant).ShouldBe(TimeSpan.FromSeconds(40));
        gate.DelayBefore(Guid.NewGuid()).ShouldBe(TimeSpan.FromSeconds(40), "the app's minute is shared by its tenants");
        clock.Advance(TimeSpan.FromSeconds(40));
        gate.DelayBefore(Tenant).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void A_day_down_to_the_reserve_stops_calls_for_an_hour_naming_when_they_resume()
    {
        using var answer = Answer(40, 50);
        gate.Observe(Tenant, answer);

        Should.Throw<XeroDailyLimitException>(() => gate.DelayBefore(Tenant)).ResumesAt
            .ShouldBe(clock.GetUtcNow() + XeroRateGate.DayPause);
        clock.Advance(XeroRateGate.DayPause);
        gate.DelayBefore(Tenant).ShouldBe(TimeSpan.Zero, "after the pause one call is tried and its answer decides");
    }

    [Fact]
    public void An_answer_without_the_headers_changes_nothing_and_one_header_keeps_the_other()
    {
        using var low = Answer(1, null);
        using var none = Answer(null, null);
        using var dayOnly = Answer(null, 3000);
        gate.Observe(Tenant, low);
        gate.Observe(Tenant, none);
        gate.DelayBefore(Tenant).ShouldBeGreaterThan(TimeSpan.Zero);

        gate.Observe(Tenant, dayOnly);
        gate.DelayBefore(Tenant).ShouldBeGreaterThan(TimeSpan.Zero, "the minute count stays as last reported");
    }
}
