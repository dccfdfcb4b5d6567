using BillingOne.Identity.Domain;

namespace BillingOne.Identity.Tests.Domain;

[Trait("Category", "Unit")]
public class SmtpSettingsTests
{
    [Fact]
    public void Valid_settings_are_trimmed_and_an_absent_password_keeps_the_saved_one()
    {
        var errors = new Dictionary<string, string[]>();

        var settings = SmtpSettings.Parse(" smtp.example.com ", 587, SmtpTlsModes.StartTls, " mailer ", null,
            "billing@example.com", "saved-secret", errors);

        errors.ShouldBeEmpty();
        settings.ShouldBe(new SmtpSettings("smtp.example.com", 587, "starttls", "mailer", "saved-secret", "billing@example.com"));
        SmtpSettings.Parse("localhost", 25, SmtpTlsModes.None, "mailer", "", "a@example.com", "saved", errors)!
            .Password.ShouldBeNull("an empty password removes the saved one");
    }

    [Theory]
    [InlineData("", 25, "none", null, "a@example.com", "host")]
    [InlineData("bad host!", 25, "none", null, "a@example.com", "host")]
    [InlineData("localhost", 0, "none", null, "a@example.com", "port")]
    [InlineData("localhost", 70000, "none", null, "a@example.com", "port")]
    [InlineData("localhost", 25, "ssl", null, "a@example.com", "tlsMode")]
    [InlineData("localhost", 25, "none", null, "not-an-address", "fromAddress")]
    [InlineData("localhost", 25, "none", "secret", "a@example.com", "userName")]
    public void Each_wrong_field_is_named(string host, int port, string tlsMode, string? password, string from,
        string field)
    {
        var errors = new Dictionary<string, string[]>();

        SmtpSettings.Parse(host, port, tlsMode, null, password, from, null, errors).ShouldBeNull();

        errors.Keys.ShouldBe([field]);
    }

    [Fact]
    public void A_failed_mail_is_tried_again_later_each_time_and_given_up_after_the_last_attempt()
    {
        var failedAt = DateTimeOffset.UnixEpoch;

        var waits = Enumerable.Range(1, MailRetry.MaxAttempts - 1)
            .Select(attempt => MailRetry.NextAttempt(attempt, failedAt)!.Value - failedAt).ToList();

        waits[0].ShouldBe(TimeSpan.FromSeconds(30));
        waits.ShouldBe(waits.Order().ToList());
        waits.Max().ShouldBeLessThanOrEqualTo(TimeSpan.FromHours(4));
        MailRetry.NextAttempt(MailRetry.MaxAttempts, failedAt).ShouldBeNull();
    }
}
