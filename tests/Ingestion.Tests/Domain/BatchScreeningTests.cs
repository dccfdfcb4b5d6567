using BillingOne.Ingestion.Domain;
using static BillingOne.Ingestion.Tests.Domain.Readings;

namespace BillingOne.Ingestion.Tests.Domain;

[Trait("Category", "Unit")]
public class BatchScreeningTests
{
    private static BatchScreening Screening(IngestLimits? limits = null, params SuppressionRule[] rules) =>
        new(Validator(limits), new SuppressionMatcher(rules), ReceivedAt);

    private static IngestReport Screen(IEnumerable<RawReading> readings)
    {
        var screening = Screening();
        var position = 0;
        foreach (var reading in readings)
        {
            screening.Add(BatchEntry.Of(position++, reading));
        }
        return screening.Complete();
    }

    [Fact]
    public void New_valid_readings_are_accepted_in_order()
    {
        var report = Screen([Raw(id: "a"), Raw(id: "b")]);

        report.Outcomes.Select(o => (o.Position, o.ReadingId, o.Status))
            .ShouldBe([(0, "a", ReadingStatus.Accepted), (1, "b", ReadingStatus.Accepted)]);
        report.Accepted.Select(r => r.Id).ShouldBe(["a", "b"]);
    }

    [Fact]
    public void The_same_id_with_the_same_payload_later_in_the_batch_is_a_duplicate()
    {
        var report = Screen([Raw(id: "a", quantity: "1.5"), Raw(id: "b"), Raw(id: "a", quantity: "1.50")]);

        report.Outcomes[2].Status.ShouldBe(ReadingStatus.Duplicate);
        report.Outcomes[2].Reason.ShouldBe("Same reading as position 0 of this batch.");
        report.Accepted.Select(r => r.Id).ShouldBe(["a", "b"]);
    }

    [Fact]
    public void The_same_id_with_another_payload_later_in_the_batch_is_a_conflict_and_the_first_is_kept()
    {
        var report = Screen([Raw(id: "a", quantity: "1"), Raw(id: "a", quantity: "2")]);

        report.Outcomes[1].Status.ShouldBe(ReadingStatus.Conflict);
        report.Outcomes[1].Reason!.ShouldContain("position 0");
        report.Accepted.ShouldHaveSingleItem().Quantity.ShouldBe(1m);
    }

    [Fact]
    public void Readings_on_assets_outside_the_keys_client_are_rejected_and_never_become_candidates()
    {
        var screening = Screening();
        screening.Add(BatchEntry.Of(0, Raw(id: "own", externalId: "srv-own")));
        screening.Add(BatchEntry.Of(1, Raw(id: "foreign", externalId: "srv-other")));

        screening.RefuseOutsideClientScope(new HashSet<AssetKey> { new("veeam", "srv-other") });

        screening.Candidates.Select(candidate => candidate.Reading.Id).ShouldBe(["own"]);
        var report = screening.Complete();
        report.Outcomes.Select(o => (o.ReadingId, o.Status))
            .ShouldBe([("own", ReadingStatus.Accepted), ("foreign", ReadingStatus.Rejected)]);
        report.Outcomes[1].Reason!.ShouldStartWith("Asset 'veeam/srv-other' does not belong to this key's client");
    }

    [Fact]
    public void Ids_an_earlier_call_accepted_are_accepted_again_as_sent_for_metering_to_settle()
    {
        Screen([Raw(id: "same"), Raw(id: "changed", quantity: "1")]).Count(ReadingStatus.Accepted).ShouldBe(2);

        var later = Screen([Raw(id: "same"), Raw(id: "changed", quantity: "99"), Raw(id: "new")]);

        later.Outcomes.Select(o => (o.ReadingId, o.Status, o.Reason)).ShouldBe([
            ("same", ReadingStatus.Accepted, null),
            ("changed", ReadingStatus.Accepted, null),
            ("new", ReadingStatus.Accepted, null),
        ]);
        later.Accepted.Select(r => (r.Id, r.Quantity)).ShouldBe([("same", 12.5m), ("changed", 99m), ("new", 12.5m)]);
    }

    [Fact]
    public void Invalid_and_unreadable_entries_are_rejected_with_their_reason()
    {
        var screening = Screening();
        screening.Add(BatchEntry.Of(0, Raw(id: "bad", quantity: "-1")));
        screening.Add(BatchEntry.Unreadable(1, "Line 2 is not valid JSON (byte 3)."));
        screening.Add(BatchEntry.Of(2, Raw(id: "good")));
        screening.Add(BatchEntry.Unreadable(3, "ObservedAt must include a UTC offset or Z.", "unread"));

        var report = screening.Complete();

        report.Outcomes[0].ShouldBe(new ReadingOutcome(0, "bad", ReadingStatus.Rejected, "quantity must be 0 or more"));
        report.Outcomes[1].ShouldBe(new ReadingOutcome(1, null, ReadingStatus.Rejected, "Line 2 is not valid JSON (byte 3)."));
        report.Outcomes[3].ShouldBe(new ReadingOutcome(3, "unread", ReadingStatus.Rejected,
            "ObservedAt must include a UTC offset or Z."));
        report.Count(ReadingStatus.Rejected).ShouldBe(3);
        report.Count(ReadingStatus.Accepted).ShouldBe(1);
    }

    [Fact]
    public void An_invalid_reading_does_not_claim_its_id_for_a_later_valid_one()
    {
        var report = Screen([Raw(id: "a", quantity: "x"), Raw(id: "a", quantity: "1")]);

        report.Outcomes.Select(o => o.Status).ShouldBe([ReadingStatus.Rejected, ReadingStatus.Accepted]);
    }

    [Fact]
    public void Suppressed_readings_are_dropped_and_counted_per_rule()
    {
        var lab = SuppressionRule.Create(Guid.NewGuid(), "lab-*", SuppressionPatternType.Glob,
            SuppressionTarget.AssetId, "lab machines", ReceivedAt, out _)!;
        var screening = Screening(null, lab);
        screening.Add(BatchEntry.Of(0, Raw(id: "a", externalId: "lab-1")));
        screening.Add(BatchEntry.Of(1, Raw(id: "b", externalId: "lab-2")));
        screening.Add(BatchEntry.Of(2, Raw(id: "c", externalId: "srv-1")));

        var report = screening.Complete();

        report.Outcomes[0].Status.ShouldBe(ReadingStatus.Suppressed);
        report.Outcomes[0].SuppressedBy.ShouldBe(lab);
        report.Outcomes[0].Reason.ShouldBe("Matched suppression rule 'lab-*': lab machines");
        screening.SuppressedByRule.ShouldBe(new Dictionary<Guid, int> { [lab.Id] = 2 });
        screening.Candidates.ShouldHaveSingleItem().Reading.Id.ShouldBe("c");
        report.Accepted.ShouldHaveSingleItem().Id.ShouldBe("c");
    }

    [Fact]
    public void A_legacy_regex_rule_that_times_out_rejects_the_readings_it_could_not_rule_on_and_counts_them()
    {
        // A lookahead: only a rule stored before regex rules had to run in linear time can have one.
        var slow = SuppressionRule.Create(Guid.NewGuid(), "^(?=(a+)+$)", SuppressionPatternType.Regex,
            SuppressionTarget.AssetId, null, ReceivedAt, out _, TimeSpan.FromMilliseconds(10))!;
        var screening = Screening(null, slow);
        screening.Add(BatchEntry.Of(0, Raw(id: "a", externalId: new string('a', 40) + "!")));
        screening.Add(BatchEntry.Of(1, Raw(id: "b", externalId: "b")));

        var report = screening.Complete();

        report.Outcomes.Select(o => o.Status).ShouldBe([ReadingStatus.Rejected, ReadingStatus.Rejected]);
        report.Outcomes[0].Reason.ShouldBe("Suppression rule '^(?=(a+)+$)' could not be evaluated in time, so the " +
            "reading might be suppressed and was not kept; send it again once an administrator has replaced the rule.");
        report.Accepted.ShouldBeEmpty();
        screening.UnevaluatedByRule.ShouldBe(new Dictionary<Guid, int> { [slow.Id] = 2 });
    }

    [Fact]
    public void More_entries_than_the_limit_are_refused()
    {
        var screening = Screening(new IngestLimits { MaxBatchSize = 2 });
        screening.Add(BatchEntry.Of(0, Raw(id: "a")));
        screening.Add(BatchEntry.Of(1, Raw(id: "b")));

        Should.Throw<IngestBatchTooLargeException>(() => screening.Add(BatchEntry.Of(2, Raw(id: "c"))))
            .MaxBatchSize.ShouldBe(2);
    }
}
