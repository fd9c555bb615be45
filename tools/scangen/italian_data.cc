#include "tools/scangen/italian_data.h"

namespace travet::scangen {

const std::vector<std::string>& MaleFirstNames() {
  static const std::vector<std::string> kNames = {
      "Mario",   "Giuseppe", "Luca",   "Marco",   "Andrea",  "Francesco", "Giovanni", "Paolo",
      "Stefano", "Davide",   "Nicolò", "Michele", "Alberto", "Roberto",   "Federico", "Enrico"};
  return kNames;
}

const std::vector<std::string>& FemaleFirstNames() {
  static const std::vector<std::string> kNames = {
      "Maria", "Anna",   "Giulia", "Francesca", "Chiara", "Elena", "Laura",    "Paola",
      "Sara",  "Silvia", "Marta",  "Federica",  "Lucia",  "Noemi", "Beatrice", "Valentina"};
  return kNames;
}

const std::vector<std::string>& Surnames() {
  static const std::vector<std::string> kNames = {
      "Rossi",    "Bianchi", "Ferrero", "Gallo",      "Bruno",    "Conti",     "Ricci",
      "Marino",   "Greco",   "Costa",   "Fontana",    "Barbero",  "Bertolino", "Cravero",
      "Giordano", "Rinaldi", "Colombo", "Mancini",    "Lombardi", "Martini",   "Bosio",
      "Chiarle",  "Operti",  "Rolando", "Bergamasco", "Perotti",  "Vigna",     "Audisio"};
  return kNames;
}

const std::vector<City>& Cities() {
  static const std::vector<City> kCities = {
      {"Torino", "TO", "10121", "L219"},     {"Moncalieri", "TO", "10024", "F335"},
      {"Pinerolo", "TO", "10064", "G674"},   {"Ivrea", "TO", "10015", "E379"},
      {"Chieri", "TO", "10023", "C627"},     {"Rivoli", "TO", "10098", "H355"},
      {"Susa", "TO", "10059", "L013"},       {"Ciriè", "TO", "10073", "C722"},
      {"Carmagnola", "TO", "10022", "B791"}, {"Cuneo", "CN", "12100", "D205"},
      {"Asti", "AT", "14100", "A479"},       {"Milano", "MI", "20121", "F205"},
      {"Novara", "NO", "28100", "F952"},     {"Biella", "BI", "13900", "A859"}};
  return kCities;
}

const std::vector<std::string>& StreetNames() {
  static const std::vector<std::string> kStreets = {
      "Via Roma",         "Corso Francia",     "Via Garibaldi",     "Corso Vittorio Emanuele II",
      "Via Po",           "Piazza Castello",   "Via Nizza",         "Corso Giulio Cesare",
      "Via Sacchi",       "Strada del Drosso", "Via Cibrario",      "Corso Unione Sovietica",
      "Via Santa Teresa", "Piazza San Carlo",  "Via della Libertà", "Via Caduti sul Lavoro"};
  return kStreets;
}

const std::vector<std::string>& CompanyWords() {
  static const std::vector<std::string> kWords = {
      "Edilstrade",      "Segnaletica Alpina", "Asfalti Canavese",  "Verde Pubblico",
      "Tecnoponti",      "Forniture Uffici",   "Idraulica Sabauda", "Elettro Piemonte",
      "Cartotecnica Po", "Servizi Neve",       "Impianti Stradali", "Informatica Subalpina"};
  return kWords;
}

const std::vector<std::string>& CompanyForms() {
  static const std::vector<std::string> kForms = {"S.r.l.", "S.p.A.", "S.n.c.", "S.a.s.",
                                                  "Soc. Coop."};
  return kForms;
}

const std::vector<Item>& InvoiceItems() {
  static const std::vector<Item> kItems = {{"Conglomerato bituminoso (t)", 6500, 9800},
                                           {"Segnale stradale triangolare 90 cm", 4200, 7800},
                                           {"Vernice spartitraffico bianca (kg)", 350, 690},
                                           {"Nolo escavatore con operatore (ore)", 5500, 8500},
                                           {"Sale antigelo sfuso (t)", 8000, 13500},
                                           {"Barriera di sicurezza (m)", 4500, 9000},
                                           {"Manutenzione impianto semaforico", 25000, 90000},
                                           {"Carta A4 80 g/m² (risma)", 320, 560},
                                           {"Toner stampante laser", 4500, 12000},
                                           {"Sfalcio banchine stradali (km)", 15000, 38000},
                                           {"Pulizia caditoie e tombini", 3000, 7500},
                                           {"Sopralluogo tecnico e relazione", 18000, 45000},
                                           {"Licenza software gestionale (anno)", 60000, 240000},
                                           {"Cartelli di cantiere \"lavori in corso\"", 2500, 6000},
                                           {"Trasporto e smaltimento fresato (t)", 1800, 3900},
                                           {"Giornata di formazione sicurezza", 35000, 90000}};
  return kItems;
}

const std::vector<std::string>& ProvincialRoads() {
  static const std::vector<std::string> kRoads = {"SP 23 del Colle del Sestriere",
                                                  "SP 24 del Monginevro",
                                                  "SP 460 di Ceresole",
                                                  "SP 565 di Castellamonte",
                                                  "SP 589 dei Laghi di Avigliana",
                                                  "SP 10 Padana Inferiore",
                                                  "SP 122 di Chieri",
                                                  "SP 6 di Pinerolo",
                                                  "SP 175 della Venaria",
                                                  "SP 25 della Valle di Susa"};
  return kRoads;
}

const std::vector<std::string>& OccupationPurposes() {
  static const std::vector<std::string> kPurposes = {
      "posa di ponteggio per rifacimento facciata",
      "deposito temporaneo di materiale edile",
      "installazione di cantiere per allaccio fognario",
      "dehors stagionale del bar",
      "passo carraio provvisorio",
      "mercatino dell'antiquariato",
      "scavo per posa di fibra ottica"};
  return kPurposes;
}

const std::vector<std::string>& LetterSubjects() {
  static const std::vector<std::string> kSubjects = {
      "Richiesta di documentazione integrativa",
      "Comunicazione di avvio del procedimento",
      "Sollecito di pagamento fattura",
      "Convocazione alla conferenza dei servizi",
      "Esito della verifica tecnica",
      "Chiusura temporanea della strada provinciale"};
  return kSubjects;
}

const std::vector<std::string>& LetterSentences() {
  static const std::vector<std::string> kSentences = {
      "Con riferimento alla Vostra nota del mese scorso, si comunica quanto segue.",
      "La pratica è stata esaminata dall'ufficio competente, che ne ha verificato la completezza.",
      "Si prega di trasmettere la documentazione mancante entro trenta giorni dal ricevimento.",
      "Qualora non pervenga risposta, la domanda sarà archiviata senza ulteriore avviso.",
      "L'ufficio resta a disposizione per ogni chiarimento nei giorni di martedì e giovedì.",
      "È possibile consultare gli atti presso la sede di Corso Inghilterra, previo appuntamento.",
      "La viabilità alternativa sarà indicata con apposita segnaletica di cantiere.",
      "Il pagamento potrà essere effettuato tramite bonifico bancario sul conto indicato.",
      "Si ricorda che l'importo è comprensivo di IVA e di ogni altro onere accessorio.",
      "Più in generale, la normativa vigente prevede tempi certi per la conclusione dell'iter.",
      "Perché la richiesta possa essere accolta, occorre allegare la planimetria dell'area.",
      "Così come previsto dal regolamento, la concessione non è cedibile a terzi.",
      "Il responsabile del procedimento è il funzionario indicato in calce alla presente.",
      "Eventuali osservazioni potranno essere presentate per iscritto entro dieci giorni.",
      "Si allega copia del verbale redatto in occasione del sopralluogo.",
      "Ci scusiamo per il disagio e confidiamo nella Vostra consueta collaborazione."};
  return kSentences;
}

const std::vector<std::string>& Offices() {
  static const std::vector<std::string> kOffices = {
      "Direzione Viabilità 1", "Direzione Viabilità 2", "Servizio Concessioni",
      "Ufficio Ragioneria", "Direzione Azioni Integrate con gli Enti Locali"};
  return kOffices;
}

}  // namespace travet::scangen
