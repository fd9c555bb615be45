#pragma once

#include <string>
#include <vector>

namespace travet::scangen {

// Word lists the documents are made from: names, places, goods, roads and
// sentences of an Italian provincial back office. Plain data, no logic.

struct City {
  std::string name;
  std::string province;  // two-letter code
  std::string cap;
  std::string belfiore;  // cadastral code used in the codice fiscale
};

struct Item {
  std::string description;
  int min_cents;  // unit price range
  int max_cents;
};

const std::vector<std::string>& MaleFirstNames();
const std::vector<std::string>& FemaleFirstNames();
const std::vector<std::string>& Surnames();
const std::vector<City>& Cities();
const std::vector<std::string>& StreetNames();
const std::vector<std::string>& CompanyWords();
const std::vector<std::string>& CompanyForms();  // S.r.l., S.p.A. ...
const std::vector<Item>& InvoiceItems();
const std::vector<std::string>& ProvincialRoads();
const std::vector<std::string>& OccupationPurposes();
const std::vector<std::string>& LetterSubjects();
const std::vector<std::string>& LetterSentences();
const std::vector<std::string>& Offices();  // sender offices of letters

}  // namespace travet::scangen
