package ke.thibitisha.ops;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import ke.thibitisha.payments.PhoneNumbers;
import ke.thibitisha.platform.Settings;

import java.io.StringReader;

import static ke.thibitisha.platform.JsonProviders.JSON;

/** The C2B customer directory: account number → phone to call. Role {@code ops}; every write is audited. */
@Path("/customers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
public class CustomersResource {

    @Inject
    CustomerDirectory directory;
    @Inject
    Settings settings;

    @PUT
    @Path("{accountRef}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("accountRef") String accountRef, String body) {
        String phone;
        try (var reader = JSON.createReader(new StringReader(body == null ? "" : body))) {
            JsonObject json = reader.readObject();
            phone = json.get("phone") instanceof JsonString s ? s.getString() : null;
        } catch (RuntimeException e) {
            return PaymentsResource.error(400, "body must be a JSON object like {\"phone\":\"+254712345678\"}");
        }
        String problem = CustomerDirectory.problem(accountRef, phone, settings);
        if (problem != null) {
            return PaymentsResource.error(400, problem);
        }
        PhoneNumbers.Verdict verdict = PhoneNumbers.check(phone, settings.allowedRegions());
        boolean created = directory.put(accountRef, verdict.e164());
        JsonObject saved = JSON.createObjectBuilder().add("account_ref", ke.thibitisha.intake.Customer.normalise(accountRef))
                .add("phone", PhoneNumbers.mask(verdict.e164())).build();
        return Response.status(created ? 201 : 200).entity(saved).build();
    }

    /** CSV with the header {@code account_ref,phone}; every row is checked and the rejected ones are reported. */
    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    public Response importCsv(String csv) {
        String[] lines = (csv == null ? "" : csv).split("\\r?\\n");
        if (lines.length == 0 || !lines[0].trim().replace(" ", "").equalsIgnoreCase("account_ref,phone")) {
            return PaymentsResource.error(400, "the first line must be the header account_ref,phone");
        }
        int imported = 0;
        JsonArrayBuilder rejected = JSON.createArrayBuilder();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            String account = cells.length > 0 ? unquote(cells[0]) : "";
            String phone = cells.length > 1 ? unquote(cells[1]) : "";
            String problem = cells.length != 2 ? "expected 2 columns, found " + cells.length
                    : CustomerDirectory.problem(account, phone, settings);
            if (problem != null) {
                rejected.add(JSON.createObjectBuilder().add("line", i + 1).add("account_ref", account)
                        .add("reason", problem));
                continue;
            }
            directory.save(account, PhoneNumbers.check(phone, settings.allowedRegions()).e164());
            imported++;
        }
        JsonObject report = JSON.createObjectBuilder().add("imported", imported).add("rejected", rejected).build();
        directory.recordImport(imported, report.getJsonArray("rejected").size());
        return Response.ok(report).build();
    }

    private static String unquote(String cell) {
        String c = cell.trim();
        return c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"") ? c.substring(1, c.length() - 1).trim() : c;
    }
}
