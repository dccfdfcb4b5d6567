using BillingOne.Identity.Domain;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace BillingOne.Identity.Application;

/// <summary>One notification mail, as it is sent; <see cref="Id"/> tells the caller which one went.</summary>
public sealed record OutgoingMail(Guid Id, string ToAddress, string ToName, string Subject, string Body);

/// <summary>Sends mails through an organization's own SMTP server with MailKit.</summary>
public sealed class SmtpMailSender
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Sends every mail over one connection; throws on the first the server refuses.</summary>
    public async Task SendAsync(SmtpSettings settings, IReadOnlyList<OutgoingMail> mails, Func<OutgoingMail, Task> sent,
        CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        await client.ConnectAsync(settings.Host, settings.Port, settings.TlsMode switch
        {
            SmtpTlsModes.Tls => SecureSocketOptions.SslOnConnect,
            SmtpTlsModes.StartTls => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.None,
        }, cancellationToken);
        if (settings.UserName is not null)
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
        }
        foreach (var mail in mails)
        {
            using var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse(settings.FromAddress));
            message.To.Add(new MailboxAddress(mail.ToName, mail.ToAddress));
            message.Subject = mail.Subject;
            message.Body = new TextPart("plain") { Text = mail.Body };
            await client.SendAsync(message, cancellationToken);
            await sent(mail);
        }
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
