package ke.thibitisha.voice;

import ke.thibitisha.paybill.Language;

/** Everything a confirmation call says besides the amount and the receipt, per language. */
record Phrases(String greeting, String defaultMessage, String amountIntro, String receiptIntro, String prompt,
               String notHeard, String thanks, String noChoice, String connecting, String agentWillCall,
               String unknownCall) {

    private static final Phrases ENGLISH = new Phrases(
            "Hello, this is a payment confirmation call.",
            "We have received your M-Pesa payment.",
            "Amount:",
            "M-Pesa receipt:",
            "Press 1 to confirm, press 2 to speak to an agent.",
            "Sorry, we did not get your choice.",
            "Thank you, your payment is confirmed. Goodbye.",
            "We did not receive a choice. Goodbye.",
            "Please hold while we connect you to an agent.",
            "Thank you. An agent will call you back shortly. Goodbye.",
            "Sorry, this call could not be matched to a payment. Goodbye.");

    private static final Phrases SWAHILI = new Phrases(
            "Habari, huu ni wito wa kuthibitisha malipo.",
            "Tumepokea malipo yako ya M-Pesa.",
            "Kiasi:",
            "Nambari ya risiti ya M-Pesa:",
            "Bonyeza 1 kuthibitisha, bonyeza 2 kuzungumza na wakala.",
            "Samahani, hatukupata chaguo lako.",
            "Asante, malipo yako yamethibitishwa. Kwaheri.",
            "Hatukupokea chaguo lolote. Kwaheri.",
            "Tafadhali subiri tunapokuunganisha na wakala.",
            "Asante. Wakala atakupigia hivi karibuni. Kwaheri.",
            "Samahani, wito huu haukuweza kuhusishwa na malipo. Kwaheri.");

    static Phrases of(Language language) {
        return language == Language.SW ? SWAHILI : ENGLISH;
    }
}
