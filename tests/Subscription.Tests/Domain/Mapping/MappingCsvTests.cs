using System.Text;
using BillingOne.Subscription.Domain.Mapping;

namespace BillingOne.Subscription.Tests.Domain.Mapping;

[Trait("Category", "Unit")]
public class MappingCsvTests
{
    private static MappingCsvParseResult Parse(string content) => MappingCsv.Parse(new StringReader(content));

    [Fact]
    public void Rows_keep_their_line_numbers_and_trimmed_values()
    {
        var result = Parse("vendor,vendor_id,client\npax8, abc-1 ,Harbourside Dental\nrmm,17,Northgate Legal\n");

        result.Succeeded.ShouldBeTrue();
        result.Rows.ShouldBe(
        [
            new MappingCsvRow(2, "pax8", "abc-1", "Harbourside Dental"),
            new MappingCsvRow(3, "rmm", "17", "Northgate Legal"),
        ]);
    }

    [Theory]
    [InlineData("VENDOR,Vendor_ID,Client")]
    [InlineData("vendor,vendor_id,client_name")]
    [InlineData("vendor,vendor_id,client_id")]
    [InlineData(" client , notes, vendor_id ,vendor")]
    public void The_header_is_read_by_name_in_any_case_and_order(string header)
    {
        var columns = header.Split(',').Select(name => name.Trim().ToLowerInvariant()).ToList();
        var values = columns.Select(name => name switch
        {
            "vendor" => "pax8",
            "vendor_id" => "abc-1",
            "notes" => "ignored",
            _ => "Harbourside Dental",
        });

        var result = Parse($"{header}\n{string.Join(',', values)}");

        result.Error.ShouldBeNull();
        result.Rows.ShouldHaveSingleItem().ShouldBe(new MappingCsvRow(2, "pax8", "abc-1", "Harbourside Dental"));
    }

    [Fact]
    public void Quoted_fields_hold_commas_quotes_and_line_breaks()
    {
        var result = Parse("vendor,vendor_id,client\r\n\"pax8\",\"a,1\",\"Smith \"\"&\"\" Jones\"\r\n"
            + "rmm,2,\"Two\r\nLines\"\r\nrmm,3,Last\r\n");

        result.Rows.ShouldBe(
        [
            new MappingCsvRow(2, "pax8", "a,1", "Smith \"&\" Jones"),
            new MappingCsvRow(3, "rmm", "2", "Two\r\nLines"),
            new MappingCsvRow(5, "rmm", "3", "Last"),
        ]);
    }

    [Fact]
    public void A_byte_order_mark_and_blank_lines_are_skipped()
    {
        var result = Parse("\uFEFF\nvendor,vendor_id,client\n\n   \npax8,1,Acme\r\n\r\n");

        result.Rows.ShouldBe([new MappingCsvRow(5, "pax8", "1", "Acme")]);
    }

    [Fact]
    public void Lines_may_end_in_a_carriage_return_alone()
    {
        Parse("vendor,vendor_id,client\rpax8,1,Acme\rrmm,2,Beta").Rows.ShouldBe(
        [
            new MappingCsvRow(2, "pax8", "1", "Acme"), new MappingCsvRow(3, "rmm", "2", "Beta"),
        ]);
    }

    [Theory]
    [InlineData("utf-8", false)]
    [InlineData("utf-8", true)]
    [InlineData("utf-16", true)]
    [InlineData("utf-16BE", true)]
    public void An_uploaded_file_is_read_in_the_encoding_its_byte_order_mark_names_else_as_utf8(string encoding,
        bool byteOrderMark)
    {
        const string Content = "vendor,vendor_id,client\nrmm,1,Café Ø Pty\n";
        var saved = Encoding.GetEncoding(encoding);
        byte[] bytes = [.. byteOrderMark ? saved.GetPreamble() : [], .. saved.GetBytes(Content)];

        MappingCsv.Parse(bytes).Rows.ShouldBe([new MappingCsvRow(2, "rmm", "1", "Café Ø Pty")]);
    }

    [Fact]
    public void A_file_saved_in_a_windows_code_page_is_refused_at_its_first_line_that_is_not_utf8()
    {
        // "Café" as Windows-1252 writes it: é is the single byte 0xE9, which is no UTF-8 sequence.
        byte[] file = [.. Encoding.ASCII.GetBytes("vendor,vendor_id,client\r\nrmm,1,Acme\r\nrmm,2,Caf"), 0xE9, .. "\r\n"u8];

        var result = MappingCsv.Parse(file);

        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldBe("Line 3: the file is not UTF-8 text. Save it as CSV UTF-8 (in Excel: CSV UTF-8 (Comma delimited)).");
        result.Rows.ShouldBeEmpty();
    }

    [Fact]
    public void A_utf16_file_with_a_broken_character_is_refused()
    {
        // A lone high surrogate (0xD800, little-endian) after the byte order mark.
        byte[] file = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("vendor,vendor_id,client\n"), 0x00, 0xD8];

        MappingCsv.Parse(file).Error.ShouldBe("The file is not valid UTF-16 text: save it as CSV UTF-8.");
    }

    [Fact]
    public void Values_a_short_row_lacks_are_empty()
    {
        Parse("vendor,vendor_id,client\npax8\n").Rows.ShouldBe([new MappingCsvRow(2, "pax8", "", "")]);
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_text()
    {
        Parse("vendor,vendor_id,client\npax8,1,The 12\" Club").Rows.ShouldHaveSingleItem()
            .Client.ShouldBe("The 12\" Club");
    }

    [Theory]
    [InlineData("", "The file is empty")]
    [InlineData("\n\n", "The file is empty")]
    [InlineData("vendor,client\npax8,Acme", "Line 1: the header must name the columns vendor,vendor_id,client")]
    [InlineData("vendor,vendor_id,client_name,client_id", "Line 1: the header names the client twice")]
    [InlineData("vendor,vendor_id,client,Vendor", "Line 1: the header names the column vendor twice")]
    [InlineData("vendor,vendor_id,client\npax8,1,\"Acme", "Line 2: a quoted field is not closed.")]
    [InlineData("vendor,vendor_id,client\n\npax8,\"1\"x,Acme", "Line 3: text follows the closing quote of a field.")]
    public void A_file_that_cannot_be_read_says_why_and_gives_no_rows(string content, string error)
    {
        var result = Parse(content);

        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldStartWith(error);
        result.Rows.ShouldBeEmpty();
    }

    [Fact]
    public void Ten_thousand_rows_are_read()
    {
        var content = new StringBuilder("vendor,vendor_id,client\n");
        for (var row = 0; row < MappingCsv.MaxRows; row++)
        {
            content.Append("pax8,").Append(row).Append(",Acme\n");
        }

        Parse(content.ToString()).Rows.Count.ShouldBe(10_000);
    }

    [Fact]
    public void More_than_ten_thousand_rows_are_refused()
    {
        var content = new StringBuilder("vendor,vendor_id,client\n");
        for (var row = 0; row <= MappingCsv.MaxRows; row++)
        {
            content.Append("pax8,").Append(row).Append(",Acme\n");
        }

        var result = Parse(content.ToString());

        result.Error.ShouldBe("The file has more than 10000 rows: split it into files of at most 10000.");
        result.Rows.ShouldBeEmpty();
    }
}
