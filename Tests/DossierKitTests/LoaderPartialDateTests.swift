// Dates at the precision the source gives, as the loader parses them.
import Testing

@testable import DossierKit

@Suite struct LoaderPartialDateTests {
    @Test func monthPrecisionIsKept() throws {
        let date = try #require(PartialDate("2023-11"))
        #expect(date.year == 2023)
        #expect(date.month == 11)
        #expect(date.day == nil)
        #expect(date.description == "2023-11")
        #expect(date.display == "November 2023")
    }

    @Test func yearAndDayPrecisionAreKept() throws {
        let year = try #require(PartialDate("2023"))
        #expect(year.month == nil && year.day == nil)
        #expect(year.description == "2023")
        #expect(year.display == "2023")
        let day = try #require(PartialDate("2023-01-05"))
        #expect(day.description == "2023-01-05")
        #expect(day.display == "5 January 2023")
    }

    @Test(arguments: ["2023-1", "2023-00", "2023-13", "2023-02-29", "2023-04-31", "2023-11-00", "23-11-21", "2023-11-21-01", "2023/11/21", "", "unknown", "2023-1-01", "２０２３"])
    func invalidDateIsRejected(_ text: String) {
        #expect(PartialDate(text) == nil)
    }

    @Test(arguments: ["2024-02-29", "2000-02-29", "2023-02-28", "2023-12-31", "2023-01"])
    func validDateIsAccepted(_ text: String) throws {
        let date = try #require(PartialDate(text))
        #expect(date.description == text)
    }

    @Test func centuryLeapRuleIsApplied() {
        #expect(PartialDate("1900-02-29") == nil)
        #expect(PartialDate("2000-02-29") != nil)
    }

    @Test func lessPreciseDateSortsFirstAtEqualPrefix() throws {
        let dates = try ["2023-11-21", "2023", "2023-11", "2022-12-31"].map { try #require(PartialDate($0)) }
        #expect(dates.sorted().map(\.description) == ["2022-12-31", "2023", "2023-11", "2023-11-21"])
    }
}
