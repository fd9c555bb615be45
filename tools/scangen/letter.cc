#include "tools/scangen/letter.h"

#include <string>
#include <vector>

#include "tools/scangen/calendar_date.h"
#include "tools/scangen/layout.h"
#include "tools/scangen/resident.h"

namespace travet::scangen {
namespace {

constexpr double kAddressX = 110;

Status WriteLetterhead(Layout& page, const std::string& office) {
  TRAVET_RETURN_IF_ERROR(page.Text("Città Metropolitana di Torino", true, 15));
  TRAVET_RETURN_IF_ERROR(page.Text(office, false, 11));
  return page.Text("Corso Inghilterra 7 - 10138 Torino - protocollo@cittametropolitana.torino.it",
                   false, 9);
}

Status WriteAddressee(Layout& page, const Resident& r, const std::string& salutation) {
  const std::vector<std::string> lines = {
      salutation + " " + r.FullName(), r.street,
      r.city.cap + " " + r.city.name + " (" + r.city.province + ")"};
  for (const std::string& line : lines) {
    TRAVET_RETURN_IF_ERROR(page.Line({{.text = line, .x_mm = kAddressX}}));
  }
  return Status::Ok();
}

// Sentences are dealt from a shuffled deck, so a letter does not repeat one.
std::string RandomParagraph(Random& random, const std::vector<int>& deck, std::size_t& next) {
  const std::vector<std::string>& sentences = LetterSentences();
  std::string paragraph;
  const int count = random.Int(2, 4);
  for (int i = 0; i < count; ++i) {
    const std::string& sentence = sentences[static_cast<std::size_t>(deck[next++ % deck.size()])];
    paragraph += (paragraph.empty() ? "" : " ") + sentence;
  }
  return paragraph;
}

Status WriteBody(Layout& page, Random& random, const Resident& r, bool real_paper) {
  const std::string greeting = r.person.female ? "Gentile Signora " : "Gentile Signore ";
  TRAVET_RETURN_IF_ERROR(page.Text(greeting + r.person.surname + ","));
  page.Skip(3);
  const std::vector<int> deck = random.Permutation(static_cast<int>(LetterSentences().size()));
  std::size_t next = 0;
  const int paragraphs = random.Int(2, 4);
  for (int i = 0; i < paragraphs; ++i) {
    TRAVET_RETURN_IF_ERROR(page.Paragraph(RandomParagraph(random, deck, next)));
    page.Skip(3);
  }
  if (real_paper) {
    TRAVET_RETURN_IF_ERROR(page.Paragraph(
        "Si prega di citare il protocollo e la data della presente in ogni comunicazione "
        "relativa all'oggetto."));
    page.Skip(3);
  }
  return page.Text("Cordiali saluti.");
}

}  // namespace

Result<Document> MakeLetter(Random& random, int dpi, bool real_paper) {
  Result<Layout> layout = Layout::Create({.typeface = RandomTypeface(random), .dpi = dpi});
  if (!layout)
    return layout.status();
  Layout& page = *layout;
  const Resident addressee = RandomResident(random);
  const CalendarDate date = RandomDate(random, 2024, 2026);
  const std::string protocol =
      std::to_string(random.Int(1000, 99999)) + "/" + std::to_string(date.year);
  const std::string subject = random.Pick(LetterSubjects());
  const std::string& surname = random.Pick(Surnames());  // drawn first: see Random
  const std::string signer = random.Pick(MaleFirstNames()) + " " + surname;
  TRAVET_RETURN_IF_ERROR(WriteLetterhead(page, random.Pick(Offices())));
  page.Skip(8);
  TRAVET_RETURN_IF_ERROR(page.Text("Prot. n. " + protocol));
  TRAVET_RETURN_IF_ERROR(page.Text("Torino, " + FormatItalian(date, DateStyle::kLong)));
  page.Skip(6);
  TRAVET_RETURN_IF_ERROR(
      WriteAddressee(page, addressee, addressee.person.female ? "Gent.ma Sig.ra" : "Egr. Sig."));
  page.Skip(8);
  TRAVET_RETURN_IF_ERROR(page.Text("Oggetto: " + subject, true));
  page.Skip(6);
  TRAVET_RETURN_IF_ERROR(WriteBody(page, random, addressee, real_paper));
  page.Skip(8);
  TRAVET_RETURN_IF_ERROR(page.Line({{.text = "Il dirigente", .x_mm = kAddressX}}));
  TRAVET_RETURN_IF_ERROR(page.Line({{.text = "Dott. " + signer, .x_mm = kAddressX}}));
  Document doc{.kind = DocumentKind::kLetter};
  doc.fields["protocollo"] = protocol;
  doc.fields["data"] = FormatIso(date);
  doc.fields["destinatario"] = addressee.FullName();
  doc.fields["oggetto"] = subject;
  doc.fields["firmatario"] = signer;
  doc.pages = std::move(page).TakePages();
  return doc;
}

}  // namespace travet::scangen
