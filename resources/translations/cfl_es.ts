<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_US" sourcelanguage="en_US">
<context>
    <name>BackupSection</name>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="37"/>
        <source>Backups</source>
        <translation>Respaldos</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="42"/>
        <source>Change folder…</source>
        <translation>Cambiar carpeta…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="44"/>
        <source>Open folder</source>
        <translation>Abrir carpeta</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="46"/>
        <source>A USB stick or a synced folder (OneDrive, Dropbox, Google Drive) is a good place for backups: they survive when this computer doesn&apos;t.</source>
        <translation>Una memoria USB o una carpeta sincronizada (OneDrive, Dropbox, Google Drive) es un buen lugar para los respaldos: se conservan aunque esta computadora falle.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="53"/>
        <source>Back up now</source>
        <translation>Respaldar ahora</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="54"/>
        <source>Restore a backup…</source>
        <translation>Restaurar un respaldo…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="57"/>
        <source>A backup is taken every day when the app starts, and before every import, upgrade and restore. The app keeps all of the last two days, then one a day for a week, one a week for a month and one a month for a year.</source>
        <translation>Se hace un respaldo cada día al abrir la aplicación, y antes de cada importación, actualización y restauración. La aplicación guarda todos los de los últimos dos días, luego uno por día durante una semana, uno por semana durante un mes y uno por mes durante un año.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="90"/>
        <source>The office database is backed up on its server (pg_dump); ask whoever runs it.</source>
        <translation>La base de datos de la oficina se respalda en su servidor (pg_dump); pregunte a quien lo administra.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="94"/>
        <source>Backups go to %1</source>
        <translation>Los respaldos se guardan en %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="95"/>
        <location filename="../../ui/pages/backup_section.py" line="105"/>
        <source>Looking at the backups…</source>
        <translation>Revisando los respaldos…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="112"/>
        <source>No backup yet: use “Back up now”.</source>
        <translation>Todavía no hay respaldo: use “Respaldar ahora”.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="116"/>
        <source>Last backup: %1 (%2, %3).</source>
        <translation>Último respaldo: %1 (%2, %3).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="126"/>
        <source>its customers can&apos;t be counted</source>
        <translation>no se pueden contar sus clientes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="127"/>
        <location filename="../../ui/pages/backup_section.py" line="188"/>
        <source>customer</source>
        <translation>cliente</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="131"/>
        <source>Where should backups go?</source>
        <translation>¿Dónde guardar los respaldos?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="142"/>
        <source>Backup folder</source>
        <translation>Carpeta de respaldos</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="153"/>
        <source>Backing up…</source>
        <translation>Respaldando…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="156"/>
        <source>Cancelled; no backup was written.</source>
        <translation>Cancelado; no se guardó ningún respaldo.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="161"/>
        <source>Backed up %1 to %2.</source>
        <translation>Se respaldó %1 en %2.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="178"/>
        <source>the backup of %1 (%2)</source>
        <translation>el respaldo del %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="182"/>
        <source>the backup file %1</source>
        <translation>el archivo de respaldo %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="185"/>
        <source>Replace all your data (%1 now) with %2?

Your data as it is now is backed up first, so the restore itself can be undone: restore the backup marked “Before a restore”.</source>
        <translation>¿Reemplazar todos sus datos (%1 ahora) con %2?

Primero se respaldan sus datos tal como están ahora, así que la restauración también se puede deshacer: restaure el respaldo marcado “Antes de una restauración”.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="190"/>
        <source>Restore a backup</source>
        <translation>Restaurar un respaldo</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="190"/>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="196"/>
        <source>Restoring %1…</source>
        <translation>Restaurando %1…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="205"/>
        <source>

Your data as it was is kept in %1.</source>
        <translation>

Sus datos, tal como estaban, se guardan en %1.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="211"/>
        <source>Backup restored</source>
        <translation>Respaldo restaurado</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="212"/>
        <source>Restored %1 from the backup of %2.</source>
        <translation>Se restauró %1 desde el respaldo del %2.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="237"/>
        <source>Today&apos;s backup is taken (%1).</source>
        <translation>El respaldo de hoy está hecho (%1).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="244"/>
        <source>Today&apos;s backup failed</source>
        <translation>Falló el respaldo de hoy</translation>
    </message>
    <message>
        <location filename="../../ui/pages/backup_section.py" line="249"/>
        <source>Taking today&apos;s backup…</source>
        <translation>Haciendo el respaldo de hoy…</translation>
    </message>
</context>
<context>
    <name>CampaignsPage</name>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="163"/>
        <source>&lt;h2&gt;Campaigns&lt;/h2&gt;Letters, postcards, labels and calls for a purpose. Customers who said no to a channel, who are not to be serviced, or who heard from you for marketing too recently are left out by themselves, and the reasons are counted.</source>
        <translation>&lt;h2&gt;Campañas&lt;/h2&gt;Cartas, postales, etiquetas y llamadas con un propósito. Los clientes que rechazaron un medio de contacto, a los que no se les debe dar servicio o que recibieron publicidad suya hace muy poco quedan excluidos automáticamente, y se cuentan los motivos.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="191"/>
        <source>draft</source>
        <translation>borrador</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="191"/>
        <source>sent</source>
        <translation>enviada</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="191"/>
        <source>closed</source>
        <translation>cerrada</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="197"/>
        <source>Start a campaign with “New campaign…”.</source>
        <translation>Inicie una campaña con “Nueva campaña…”.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="204"/>
        <source>Not sent yet: 1 customer will get it.</source>
        <translation>Aún no se ha enviado: la recibirá 1 cliente.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="207"/>
        <source>Not sent yet: %1 will get it.</source>
        <translation>Aún no se ha enviado: la recibirán %1.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="208"/>
        <source>customer</source>
        <translation>cliente</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="222"/>
        <source>Sent to nobody.</source>
        <translation>No se envió a nadie.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="242"/>
        <source>New campaign</source>
        <translation>Nueva campaña</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="253"/>
        <source>Find who gets it</source>
        <translation>Buscar destinatarios</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="259"/>
        <source>Finding the audience…</source>
        <translation>Buscando a los destinatarios…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="268"/>
        <source>Nobody to send to</source>
        <translation>No hay a quién enviar</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="270"/>
        <source>Create the campaign?</source>
        <translation>¿Crear la campaña?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="270"/>
        <source>Create</source>
        <translation>Crear</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="286"/>
        <source>Print %1</source>
        <translation>Imprimir %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="291"/>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="298"/>
        <source>Printing %1…</source>
        <translation>Imprimiendo %1…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="316"/>
        <source>Some records were left out</source>
        <translation>Algunos registros quedaron fuera</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="327"/>
        <source>Already sent</source>
        <translation>Ya enviada</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="328"/>
        <source>This campaign was marked as sent on %1.</source>
        <translation>Esta campaña se marcó como enviada el %1.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="334"/>
        <source>Mark “%1” as sent today? A contact is recorded for every recipient (%2).</source>
        <translation>¿Marcar “%1” como enviada hoy? Se registra un contacto por cada destinatario (%2).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="336"/>
        <source>recipient</source>
        <translation>destinatario</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="338"/>
        <source>Mark as sent</source>
        <translation>Marcar como enviada</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="348"/>
        <source>1 contact recorded.</source>
        <translation>1 contacto registrado.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="350"/>
        <source>%1 contacts recorded.</source>
        <translation>%1 contactos registrados.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/campaigns_page.py" line="352"/>
        <source>Sent</source>
        <translation>Enviada</translation>
    </message>
</context>
<context>
    <name>CatalogItemDialog</name>
    <message>
        <location filename="../../ui/dialogs/catalog_forms.py" line="185"/>
        <source>Items in the bundle (tick them)</source>
        <translation>Artículos del paquete (márquelos)</translation>
    </message>
</context>
<context>
    <name>CatalogPage</name>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="79"/>
        <source>Load the default HVAC/plumbing catalog</source>
        <translation>Cargar el catálogo predeterminado de climatización y plomería</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="100"/>
        <source>not set</source>
        <translation>sin definir</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="103"/>
        <source>month</source>
        <translation>mes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="105"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="105"/>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="107"/>
        <source>Upgrade ladder</source>
        <translation>Escala de mejora</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="109"/>
        <source>%1, step %2</source>
        <translation>%1, escalón %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="115"/>
        <source>Equipment</source>
        <translation>Equipos</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="115"/>
        <source>New equipment line…</source>
        <translation>Nueva línea de equipo…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="116"/>
        <source>What you install, and how long it typically lasts: equipment near the end of its life is offered a replacement.</source>
        <translation>Lo que instala y cuánto suele durar: al equipo que se acerca al final de su vida útil se le ofrece un reemplazo.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="118"/>
        <location filename="../../ui/pages/catalog_page.py" line="153"/>
        <source>Kind of equipment</source>
        <translation>Tipo de equipo</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="119"/>
        <source>Brand</source>
        <translation>Marca</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="120"/>
        <source>Typical lifespan</source>
        <translation>Vida útil típica</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="121"/>
        <source>Units on record</source>
        <translation>Unidades registradas</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="124"/>
        <source>Service plans</source>
        <translation>Planes de servicio</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="124"/>
        <source>New service plan…</source>
        <translation>Nuevo plan de servicio…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="125"/>
        <source>Memberships: when they come up for renewal and how many visits a year they include.</source>
        <translation>Membresías: cuándo toca renovarlas y cuántas visitas al año incluyen.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="127"/>
        <source>Renews every</source>
        <translation>Se renueva cada</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="128"/>
        <source>Visits per year</source>
        <translation>Visitas por año</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="130"/>
        <source>Price per term</source>
        <translation>Precio por periodo</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="131"/>
        <source>Add-ons</source>
        <translation>Complementos</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="131"/>
        <source>New add-on…</source>
        <translation>Nuevo complemento…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="132"/>
        <source>Extras offered to customers who own the equipment they go with and don&apos;t have them yet.</source>
        <translation>Extras que se ofrecen a los clientes que tienen el equipo con el que van y todavía no los tienen.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="134"/>
        <source>Goes with</source>
        <translation>Va con</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="135"/>
        <location filename="../../ui/pages/catalog_page.py" line="156"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="136"/>
        <source>Upgrade ladders</source>
        <translation>Escalas de mejora</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="136"/>
        <source>New step on a ladder…</source>
        <translation>Nuevo escalón en una escala…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="137"/>
        <source>Basic → better → deluxe: customers on a lower step are offered the next one up.</source>
        <translation>Básico → mejor → de lujo: a los clientes en un escalón más bajo se les ofrece el siguiente.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="138"/>
        <source>Ladder</source>
        <translation>Escala</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="138"/>
        <source>Step</source>
        <translation>Escalón</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="139"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="140"/>
        <source>Next step up</source>
        <translation>Siguiente escalón</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="141"/>
        <source>top of the ladder</source>
        <translation>tope de la escala</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="142"/>
        <source>Bundles</source>
        <translation>Paquetes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="142"/>
        <source>New bundle…</source>
        <translation>Nuevo paquete…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="143"/>
        <source>Items sold together at a discount.</source>
        <translation>Artículos que se venden juntos con descuento.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="144"/>
        <source>Discount</source>
        <translation>Descuento</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="145"/>
        <source>Bundle price</source>
        <translation>Precio del paquete</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="146"/>
        <source>Items bought separately</source>
        <translation>Artículos comprados por separado</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="147"/>
        <source>Contains</source>
        <translation>Contiene</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="148"/>
        <source>New products</source>
        <translation>Productos nuevos</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="148"/>
        <source>New product launch…</source>
        <translation>Lanzamiento de producto nuevo…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="149"/>
        <source>New products are offered first to your best customers, as many as are available.</source>
        <translation>Los productos nuevos se ofrecen primero a sus mejores clientes, tantos como haya disponibles.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="150"/>
        <source>Launched</source>
        <translation>Lanzamiento</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="151"/>
        <source>Available</source>
        <translation>Disponibles</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="151"/>
        <source>no limit</source>
        <translation>sin límite</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="154"/>
        <source>Services</source>
        <translation>Servicios</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="154"/>
        <source>New service…</source>
        <translation>Nuevo servicio…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="155"/>
        <source>Repairs, tune-ups and other work you sell.</source>
        <translation>Reparaciones, afinaciones y otros trabajos que vende.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="157"/>
        <source>Segments</source>
        <translation>Segmentos</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="157"/>
        <source>New segment…</source>
        <translation>Nuevo segmento…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="158"/>
        <source>Groups of customers and how to talk to them: the pitch angle and talking points print on call sheets and feed letters.</source>
        <translation>Grupos de clientes y cómo hablarles: el enfoque de venta y los puntos clave se imprimen en las hojas de llamadas y alimentan las cartas.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="160"/>
        <source>Segment</source>
        <translation>Segmento</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="161"/>
        <source>Customers</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="162"/>
        <source>Pitch angle</source>
        <translation>Enfoque de venta</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="163"/>
        <source>Talking points</source>
        <translation>Puntos clave</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="167"/>
        <source>%1 (inactive)</source>
        <translation>%1 (inactivo)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="173"/>
        <source>basic</source>
        <translation>básico</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="173"/>
        <source>better</source>
        <translation>mejor</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="173"/>
        <source>deluxe</source>
        <translation>de lujo</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="180"/>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="181"/>
        <source>Delete…</source>
        <translation>Borrar…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="194"/>
        <source>Which</source>
        <translation>Cuál</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="195"/>
        <source>What is missing</source>
        <translation>Qué falta</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="198"/>
        <source>Fill it in…</source>
        <translation>Completar…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="199"/>
        <source>Check again</source>
        <translation>Revisar de nuevo</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="202"/>
        <source>Nothing is guessed: what is listed here keeps opportunities from being found. Catalog lines are filled in here; equipment, plans and customers on the Customers page.</source>
        <translation>Nada se adivina: lo que aparece aquí impide encontrar oportunidades. Las líneas del catálogo se completan aquí; los equipos, planes y clientes, en la página Clientes.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="212"/>
        <source>(fill it in on the Customers page)</source>
        <translation>(complételo en la página Clientes)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="208"/>
        <location filename="../../ui/pages/catalog_page.py" line="412"/>
        <source>Missing information</source>
        <translation>Información que falta</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="191"/>
        <source>About</source>
        <comment>the kind of record a missing piece of information is about</comment>
        <translation>Se refiere a</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="219"/>
        <source>Reading the catalog…</source>
        <translation>Leyendo el catálogo…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="227"/>
        <source>Looking for missing information…</source>
        <translation>Buscando información que falta…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="257"/>
        <source>The catalog is empty. Start from the default catalog of a heating, cooling and plumbing shop and adjust its prices and lifespans, or add your own lines.</source>
        <translation>El catálogo está vacío. Empiece con el catálogo predeterminado de un taller de calefacción, aire acondicionado y plomería y ajuste sus precios y vidas útiles, o agregue sus propias líneas.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="261"/>
        <source>%1 in the catalog · %2</source>
        <translation>%1 en el catálogo · %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="262"/>
        <source>item</source>
        <translation>artículo</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="263"/>
        <source>segment</source>
        <translation>segmento</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="311"/>
        <source>New segment</source>
        <translation>Nuevo segmento</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="323"/>
        <source>New catalog item</source>
        <translation>Nuevo artículo del catálogo</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="330"/>
        <location filename="../../ui/pages/catalog_page.py" line="332"/>
        <location filename="../../ui/pages/catalog_page.py" line="405"/>
        <source>Edit %1</source>
        <translation>Editar %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="340"/>
        <source>Delete the segment “%1”? Its %2 keep everything else.</source>
        <translation>¿Borrar el segmento “%1”? Sus %2 conservan todo lo demás.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="342"/>
        <source>customer</source>
        <translation>cliente</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="344"/>
        <source>Delete segment</source>
        <translation>Borrar segmento</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="344"/>
        <location filename="../../ui/pages/catalog_page.py" line="348"/>
        <source>Delete</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="347"/>
        <source>Delete “%1” from the catalog?</source>
        <translation>¿Borrar “%1” del catálogo?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="348"/>
        <source>Delete catalog item</source>
        <translation>Borrar artículo del catálogo</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="380"/>
        <source>Loading the default catalog…</source>
        <translation>Cargando el catálogo predeterminado…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="391"/>
        <source>Default catalog</source>
        <translation>Catálogo predeterminado</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="391"/>
        <source>The catalog already had items; nothing was added.</source>
        <translation>El catálogo ya tenía artículos; no se agregó nada.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="408"/>
        <source>New equipment line</source>
        <translation>Nueva línea de equipo</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog_page.py" line="413"/>
        <source>Open %1 on the Customers page to fill this in: %2.</source>
        <translation>Abra a %1 en la página Clientes para completar esto: %2.</translation>
    </message>
</context>
<context>
    <name>CustomerActions</name>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="29"/>
        <source>site</source>
        <translation>dirección</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="30"/>
        <source>equipment</source>
        <translation>equipo</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="31"/>
        <source>visit</source>
        <translation>visita</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="32"/>
        <source>sale</source>
        <translation>venta</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="33"/>
        <source>service plan</source>
        <translation>plan de servicio</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="34"/>
        <source>contact</source>
        <translation>contacto</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="49"/>
        <source>&amp;New customer…</source>
        <translation>&amp;Nuevo cliente…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="54"/>
        <source>&amp;Edit customer…</source>
        <translation>&amp;Editar cliente…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="59"/>
        <source>Log a &amp;call…</source>
        <translation>Registrar una &amp;llamada…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="62"/>
        <source>Log a &amp;visit…</source>
        <translation>Registrar una &amp;visita…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="67"/>
        <source>Add a &amp;site…</source>
        <translation>Agregar una d&amp;irección…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="70"/>
        <source>Add &amp;equipment…</source>
        <translation>Agregar e&amp;quipo…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="73"/>
        <source>Add a s&amp;ale…</source>
        <translation>Agregar una ven&amp;ta…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="76"/>
        <source>Add a service &amp;plan…</source>
        <translation>Agregar un &amp;plan de servicio…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="79"/>
        <source>Log another &amp;contact…</source>
        <translation>Registrar &amp;otro contacto…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="82"/>
        <source>&amp;Merge a duplicate into this customer…</source>
        <translation>&amp;Unir un duplicado con este cliente…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="86"/>
        <source>&amp;Delete customer…</source>
        <translation>&amp;Borrar cliente…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="118"/>
        <source>Add</source>
        <translation>Agregar</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="122"/>
        <source>Add ▾</source>
        <translation>Agregar ▾</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="168"/>
        <source>New customer</source>
        <translation>Nuevo cliente</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="181"/>
        <location filename="../../ui/pages/customer_actions.py" line="239"/>
        <location filename="../../ui/screenshot_dialogs.py" line="173"/>
        <source>Edit %1</source>
        <translation>Editar %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="202"/>
        <source>Log a call with %1</source>
        <translation>Registrar una llamada con %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="202"/>
        <source>Log a visit to %1</source>
        <translation>Registrar una visita a %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="212"/>
        <source>Add a site first: equipment is installed at a site.</source>
        <translation>Primero agregue una dirección de servicio: el equipo se instala en una dirección.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="224"/>
        <source>Add %1 for %2</source>
        <translation>Agregar %1 para %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="251"/>
        <location filename="../../ui/pages/customer_actions.py" line="253"/>
        <location filename="../../ui/pages/customer_actions.py" line="268"/>
        <source>Delete</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="252"/>
        <source>Delete this %1? You can undo it.</source>
        <translation>¿Borrar este registro (%1)? Puede deshacerlo.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="255"/>
        <source>Delete %1</source>
        <translation>Borrar %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="264"/>
        <source>Delete %1%2? You can undo it with Edit ▸ Undo.</source>
        <translation>¿Borrar %1%2? Puede deshacerlo con Editar ▸ Deshacer.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="266"/>
        <source> with %1</source>
        <translation> con %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="268"/>
        <source>Delete customer</source>
        <translation>Borrar cliente</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="278"/>
        <source>Merge %1 into %2</source>
        <translation>Unir %1 con %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="283"/>
        <source>Find the duplicate of %1. Its sites, equipment, history and contacts move to %1, empty phone and e-mail fields are filled from it, and then it is removed. You can undo the merge.</source>
        <translation>Busque el duplicado de %1. Sus direcciones, equipos, historial y contactos pasan a %1, los teléfonos y correos vacíos se completan con los suyos y luego se elimina. Puede deshacer la unión.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="290"/>
        <source>Merge a duplicate</source>
        <translation>Unir un duplicado</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="292"/>
        <source>Merge</source>
        <translation>Unir</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="322"/>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customer_actions.py" line="326"/>
        <source>Delete…</source>
        <translation>Borrar…</translation>
    </message>
</context>
<context>
    <name>CustomerDetailView</name>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="35"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="66"/>
        <source>Every sale, the price of every service plan and the commission on their referrals to partners once won: the Dashboard&apos;s lifetime value, for this customer alone.</source>
        <translation>Cada venta, el precio de cada plan de servicio y la comisión de sus referidos a socios una vez ganados: el valor de por vida del Panel, solo para este cliente.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="91"/>
        <source>Sites</source>
        <translation>Direcciones</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="106"/>
        <source>Site</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="95"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="94"/>
        <source>Site</source>
        <comment>the name of a site</comment>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="96"/>
        <source>Mail</source>
        <translation>Correo</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="97"/>
        <location filename="../../ui/widgets/customer_detail.py" line="116"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="102"/>
        <source>Equipment</source>
        <translation>Equipos</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="109"/>
        <location filename="../../ui/widgets/customer_detail.py" line="138"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="110"/>
        <source>Brand</source>
        <translation>Marca</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="111"/>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="112"/>
        <source>Installed</source>
        <translation>Instalado</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="113"/>
        <source>Age</source>
        <translation>Antigüedad</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="114"/>
        <source>Warranty until</source>
        <translation>Garantía hasta</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="115"/>
        <source>By us</source>
        <translation>Por nosotros</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="115"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="115"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="121"/>
        <source>Visits</source>
        <translation>Visitas</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="122"/>
        <source>Visit</source>
        <translation>Visita</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="122"/>
        <source>Technician · findings</source>
        <translation>Técnico · hallazgos</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="125"/>
        <source>Sales</source>
        <translation>Ventas</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="125"/>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="125"/>
        <source>Total · job</source>
        <translation>Total · trabajo</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="128"/>
        <source>Plans</source>
        <translation>Planes</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="128"/>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="128"/>
        <source>Status · term</source>
        <translation>Estado · periodo</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="132"/>
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="133"/>
        <source>Channel</source>
        <translation>Medio</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="133"/>
        <source>Outcome · reason · by</source>
        <translation>Resultado · motivo · quién</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="137"/>
        <source>Opportunities</source>
        <translation>Oportunidades</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="138"/>
        <source>Reason · value · status</source>
        <translation>Motivo · valor · estado</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="173"/>
        <source>%1 (billing)</source>
        <translation>%1 (facturación)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="173"/>
        <source>Billing</source>
        <translation>Facturación</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="179"/>
        <source>Can&apos;t be mailed: %1</source>
        <translation>No se puede enviar por correo: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="182"/>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="188"/>
        <source>under a year</source>
        <translation>menos de un año</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="188"/>
        <source>year</source>
        <translation>año</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="194"/>
        <source>No customer selected</source>
        <translation>Ningún cliente seleccionado</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="197"/>
        <source>Pick a customer in the list to see their sites, equipment and history.</source>
        <translation>Elija un cliente de la lista para ver sus direcciones, equipos e historial.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="210"/>
        <source>Lifetime value: %1</source>
        <translation>Valor de por vida: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="236"/>
        <source>… and %1 (all of them in Edit customer)</source>
        <translation>… y %1 (todos en Editar cliente)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="237"/>
        <source>more line</source>
        <translation>línea más</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/customer_detail.py" line="240"/>
        <source>Notes: %1</source>
        <translation>Notas: %1</translation>
    </message>
</context>
<context>
    <name>CustomerPickerDialog</name>
    <message>
        <location filename="../../ui/dialogs/customer_picker.py" line="42"/>
        <source>Name, phone digits, street or e-mail</source>
        <translation>Nombre, dígitos del teléfono, calle o correo</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <location filename="../../ui/pages/customers_page.py" line="38"/>
        <source>Search name, company, phone digits, street, city or e-mail</source>
        <translation>Buscar nombre, empresa, dígitos del teléfono, calle, ciudad o correo</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customers_page.py" line="122"/>
        <source>customer</source>
        <translation>cliente</translation>
    </message>
    <message>
        <location filename="../../ui/pages/customers_page.py" line="124"/>
        <source>%1 found</source>
        <translation>%1 encontrados</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="57"/>
        <location filename="../../ui/pages/dashboard_page.py" line="128"/>
        <source>&lt;h2&gt;Your customer base&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Su cartera de clientes&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="58"/>
        <source>Print summary…</source>
        <translation>Imprimir resumen…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="61"/>
        <location filename="../../ui/pages/dashboard_page.py" line="282"/>
        <source>How these are worked out</source>
        <translation>Cómo se calculan</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="103"/>
        <source>&lt;b&gt;Worth acting on&lt;/b&gt; (double-click for the customers)</source>
        <translation>&lt;b&gt;Vale la pena actuar&lt;/b&gt; (doble clic para ver los clientes)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="130"/>
        <source>Adding up the customer base…</source>
        <translation>Sumando la cartera de clientes…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="190"/>
        <source>plus %1 in replacements due</source>
        <translation>más %1 en reemplazos pendientes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="212"/>
        <source>Nothing needs attention today.</source>
        <translation>Hoy no hay nada pendiente.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="217"/>
        <source>Revenue by year: new and existing customers</source>
        <translation>Ingresos por año: clientes nuevos y existentes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="218"/>
        <source>Retention: bought again the next year</source>
        <translation>Retención: volvieron a comprar al año siguiente</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="219"/>
        <source>Open opportunities by kind (value)</source>
        <translation>Oportunidades abiertas por tipo (valor)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="220"/>
        <source>Customers by lifetime value</source>
        <translation>Clientes por valor de por vida</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="293"/>
        <source>Customer base summary</source>
        <translation>Resumen de la cartera de clientes</translation>
    </message>
</context>
<context>
    <name>DataPage</name>
    <message>
        <location filename="../../ui/pages/data_page.py" line="25"/>
        <source>&lt;h2&gt;Your data&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Sus datos&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data_page.py" line="27"/>
        <source>Your customer list is the business: keep it backed up, and handle what it holds about people the way they ask.</source>
        <translation>Su lista de clientes es el negocio: manténgala respaldada y trate los datos de las personas como ellas lo pidan.</translation>
    </message>
</context>
<context>
    <name>Editor</name>
    <message>
        <location filename="../../ui/editing.py" line="115"/>
        <source>Add %1</source>
        <translation>Agregar a %1</translation>
    </message>
    <message>
        <location filename="../../ui/editing.py" line="136"/>
        <source>Edit %1</source>
        <translation>Editar a %1</translation>
    </message>
    <message>
        <location filename="../../ui/editing.py" line="146"/>
        <source>Delete %1</source>
        <translation>Borrar a %1</translation>
    </message>
</context>
<context>
    <name>FigureCustomersDialog</name>
    <message>
        <location filename="../../ui/dialogs/figure_customers.py" line="68"/>
        <source>Finding the customers…</source>
        <translation>Buscando a los clientes…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/figure_customers.py" line="75"/>
        <source> (the first %1)</source>
        <translation> (los primeros %1)</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="48"/>
        <source>Which file holds your customers?</source>
        <translation>¿Qué archivo tiene sus clientes?</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="51"/>
        <source>An Excel workbook (.xlsx, .xls) or a CSV file, as exported from QuickBooks, Jobber, Housecall Pro, ServiceTitan or kept by hand. Nothing is changed until the last step.</source>
        <translation>Un libro de Excel (.xlsx, .xls) o un archivo CSV, tal como lo exporta QuickBooks, Jobber, Housecall Pro o ServiceTitan, o llevado a mano. No se cambia nada hasta el último paso.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="57"/>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="72"/>
        <source>Import customers</source>
        <translation>Importar clientes</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="74"/>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.xlsb *.ods *.csv *.txt);;All files (*)</source>
        <translation>Hojas de cálculo (*.xlsx *.xlsm *.xls *.xlsb *.ods *.csv *.txt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="91"/>
        <source>The file could not be read: %1.</source>
        <translation>No se pudo leer el archivo: %1.</translation>
    </message>
</context>
<context>
    <name>ImageEditor</name>
    <message>
        <location filename="../../ui/widgets/setting_editors.py" line="211"/>
        <location filename="../../ui/widgets/setting_editors.py" line="257"/>
        <source>No picture</source>
        <translation>Sin imagen</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/setting_editors.py" line="215"/>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/setting_editors.py" line="217"/>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/setting_editors.py" line="229"/>
        <source>Choose a picture</source>
        <translation>Elegir una imagen</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/setting_editors.py" line="231"/>
        <source>Pictures (*.png *.jpg *.jpeg *.bmp *.gif)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg *.bmp *.gif)</translation>
    </message>
</context>
<context>
    <name>ImportUndo</name>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="336"/>
        <source>The import was undone: %1 removed, %2 restored.</source>
        <translation>Se deshizo la importación: %1 eliminados, %2 restaurados.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="342"/>
        <source>Import undone</source>
        <translation>Importación deshecha</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="347"/>
        <source>Undoing the import…</source>
        <translation>Deshaciendo la importación…</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="272"/>
        <source>Import customers</source>
        <translation>Importar clientes</translation>
    </message>
</context>
<context>
    <name>LettersPage</name>
    <message>
        <location filename="../../ui/pages/letters_page.py" line="94"/>
        <source>Letter</source>
        <translation>Carta</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letters_page.py" line="95"/>
        <source>For</source>
        <translation>Para</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letters_page.py" line="130"/>
        <source>Fields you can use (double-click to add one to the letter; [[ ]] around a part prints it only when its fields have values):</source>
        <translation>Campos que puede usar (doble clic para agregar uno a la carta; [[ ]] alrededor de una parte la imprime solo cuando sus campos tienen valor):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letters_page.py" line="146"/>
        <source>Subject</source>
        <translation>Asunto</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letters_page.py" line="147"/>
        <source>Greetings
(first that fits,
one a line)</source>
        <translation>Saludos
(el primero que aplique,
uno por línea)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letters_page.py" line="148"/>
        <source>Letter
(blank line
between
paragraphs)</source>
        <translation>Carta
(línea en blanco
entre
párrafos)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letters_page.py" line="149"/>
        <source>Closing</source>
        <translation>Despedida</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letters_page.py" line="150"/>
        <source>Postcard</source>
        <translation>Postal</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letters_page.py" line="156"/>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letters_page.py" line="159"/>
        <location filename="../../ui/pages/letters_page.py" line="335"/>
        <source>Back to the shipped wording</source>
        <translation>Volver al texto original</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letters_page.py" line="255"/>
        <source>Your changes to “%1” are not saved. Leave them?</source>
        <translation>Sus cambios en “%1” no se han guardado. ¿Descartarlos?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letters_page.py" line="258"/>
        <source>Unsaved changes</source>
        <translation>Cambios sin guardar</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letters_page.py" line="260"/>
        <source>Leave them</source>
        <translation>Descartarlos</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letters_page.py" line="283"/>
        <source>Finding a customer for the preview</source>
        <translation>Buscando un cliente para la vista previa</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letters_page.py" line="327"/>
        <source>Saved. </source>
        <translation>Guardado. </translation>
    </message>
    <message>
        <location filename="../../ui/pages/letters_page.py" line="332"/>
        <source>Forget your changes to “%1” and go back to the wording the app ships with?</source>
        <translation>¿Olvidar sus cambios en “%1” y volver al texto original de la aplicación?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letters_page.py" line="337"/>
        <source>Go back</source>
        <translation>Regresar</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letters_page.py" line="362"/>
        <source>Sample (%1)</source>
        <translation>Muestra (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letters_page.py" line="378"/>
        <source>15–20 years</source>
        <translation>de 15 a 20 años</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letters_page.py" line="381"/>
        <source>smart thermostat</source>
        <translation>el termostato inteligente</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letters_page.py" line="382"/>
        <source>$100 off a new system</source>
        <translation>$100 de descuento en un sistema nuevo</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letters_page.py" line="389"/>
        <source>electrician</source>
        <translation>electricista</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letters_page.py" line="401"/>
        <source>Preview for %1</source>
        <translation>Vista previa para %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/letters_page.py" line="422"/>
        <source>The preview could not be drawn; the details are in the log.</source>
        <translation>No se pudo mostrar la vista previa; los detalles están en el registro.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="55"/>
        <source>Customers for Life — Demo data — not your customers</source>
        <translation>Customers for Life — Datos de demostración — no son sus clientes</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="57"/>
        <source>Customers for Life — Your database: %1</source>
        <translation>Customers for Life — Su base de datos: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="277"/>
        <source>Every page, letter and call sheet is now in English.</source>
        <translation>Cada página, carta y hoja de llamadas está ahora en español.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="287"/>
        <source>Welcome</source>
        <translation>Bienvenida</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="288"/>
        <source>Customers</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="289"/>
        <source>Today&apos;s calls</source>
        <translation>Llamadas de hoy</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="290"/>
        <source>Campaigns</source>
        <translation>Campañas</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="291"/>
        <source>Dashboard</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="292"/>
        <source>Partners</source>
        <translation>Socios</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="293"/>
        <source>Letters</source>
        <translation>Cartas</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="294"/>
        <source>Catalog</source>
        <translation>Catálogo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="295"/>
        <source>Your data</source>
        <translation>Sus datos</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="296"/>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="282"/>
        <source>Demo data — not your customers</source>
        <translation>Datos de demostración — no son sus clientes</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="282"/>
        <source>Your database:</source>
        <translation>Su base de datos:</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="180"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="181"/>
        <source>&amp;Import customers…</source>
        <translation>&amp;Importar clientes…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="184"/>
        <source>&amp;Export everything…</source>
        <translation>&amp;Exportar todo…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="188"/>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="193"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="198"/>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="199"/>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="201"/>
        <source>&amp;Redo</source>
        <translation>&amp;Rehacer</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="208"/>
        <source>&amp;Customer</source>
        <translation>&amp;Cliente</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="229"/>
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="235"/>
        <source>&amp;Find a customer</source>
        <translation>&amp;Buscar un cliente</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="240"/>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="241"/>
        <source>&amp;About Customers for Life</source>
        <translation>&amp;Acerca de Customers for Life</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="349"/>
        <source>The demo opens in a window of its own; your database is not touched.</source>
        <translation>La demostración se abre en su propia ventana; su base de datos no se toca.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="365"/>
        <source>Creating a demo business with %1…</source>
        <translation>Creando un negocio de demostración con %1…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="369"/>
        <source>Cancelled; nothing was changed.</source>
        <translation>Cancelado; no se cambió nada.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="388"/>
        <source>Export everything</source>
        <translation>Exportar todo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="393"/>
        <source>Exporting to %1…</source>
        <translation>Exportando a %1…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="396"/>
        <source>Exported to %1</source>
        <translation>Exportado a %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="406"/>
        <source>Call sheet for %1</source>
        <translation>Hoja de llamadas del %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="449"/>
        <source>Working out who is due…</source>
        <translation>Calculando a quién le toca…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="474"/>
        <source>About Customers for Life</source>
        <translation>Acerca de Customers for Life</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="476"/>
        <source>Customers for Life keeps every customer of a trades business for life.

Database: %1</source>
        <translation>Customers for Life conserva de por vida a cada cliente de un negocio de oficios.

Base de datos: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="493"/>
        <source>Nothing to print on this page.</source>
        <translation>No hay nada que imprimir en esta página.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="508"/>
        <source>Still working</source>
        <translation>Todavía trabajando</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="509"/>
        <source>A job is still running. Cancel it or let it finish, then close the window.</source>
        <translation>Todavía hay un trabajo en curso. Cancélelo o deje que termine y luego cierre la ventana.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="519"/>
        <source>Finishing today&apos;s backup…</source>
        <translation>Terminando el respaldo de hoy…</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="176"/>
        <source>What is in each column?</source>
        <translation>¿Qué hay en cada columna?</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="179"/>
        <source>The columns were matched by their headings. Change any that are wrong; the choice is remembered for the next file with the same headings.</source>
        <translation>Las columnas se asignaron por sus encabezados. Cambie las que estén mal; la elección se recuerda para el próximo archivo con los mismos encabezados.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="195"/>
        <source>These are my customers: import them with the columns as chosen</source>
        <translation>Estos son mis clientes: importarlos con las columnas elegidas</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="215"/>
        <source>Column</source>
        <translation>Columna</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="215"/>
        <source>Examples</source>
        <translation>Ejemplos</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="215"/>
        <source>Import as</source>
        <translation>Importar como</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="222"/>
        <source>(no heading)</source>
        <translation>(sin encabezado)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="237"/>
        <source>If it is your customer list all the same, choose below what each column holds.</source>
        <translation>Si de todos modos es su lista de clientes, elija abajo qué contiene cada columna.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="247"/>
        <source>Headings found on row 1.</source>
        <translation>Encabezados encontrados en la fila 1.</translation>
    </message>
</context>
<context>
    <name>OfficeSection</name>
    <message>
        <location filename="../../ui/pages/office_section.py" line="32"/>
        <source>Office mode</source>
        <translation>Modo de oficina</translation>
    </message>
    <message>
        <location filename="../../ui/pages/office_section.py" line="37"/>
        <source>In office mode several people share one database on a PostgreSQL server, and when two of them change the same customer the second is told instead of overwriting the first. Ask whoever runs the server for its address and password, test them here and save them on this computer.</source>
        <translation>En el modo de oficina varias personas comparten una base de datos en un servidor PostgreSQL, y cuando dos cambian el mismo cliente, al segundo se le avisa en lugar de sobrescribir al primero. Pida la dirección y la contraseña a quien administra el servidor, pruébelas aquí y guárdelas en esta computadora.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/office_section.py" line="52"/>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location filename="../../ui/pages/office_section.py" line="54"/>
        <source>Test connection</source>
        <translation>Probar conexión</translation>
    </message>
    <message>
        <location filename="../../ui/pages/office_section.py" line="55"/>
        <source>Save on this computer</source>
        <translation>Guardar en esta computadora</translation>
    </message>
    <message>
        <location filename="../../ui/pages/office_section.py" line="56"/>
        <source>Forget</source>
        <translation>Olvidar</translation>
    </message>
    <message>
        <location filename="../../ui/pages/office_section.py" line="63"/>
        <source>To work on the server, close Customers for Life and start it again with this line (copy it into a command prompt in the app&apos;s folder); it never holds the password. Start it without --office or --db to come back to the database on this computer.</source>
        <translation>Para trabajar en el servidor, cierre Customers for Life y ábralo de nuevo con esta línea (cópiela en una línea de comandos en la carpeta de la aplicación); nunca contiene la contraseña. Ábralo sin --office ni --db para volver a la base de datos de esta computadora.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/office_section.py" line="91"/>
        <source>Open now: the office database %1 (PostgreSQL).</source>
        <translation>Abierta ahora: la base de datos de la oficina %1 (PostgreSQL).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/office_section.py" line="96"/>
        <source>(unknown)</source>
        <translation>(desconocido)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/office_section.py" line="98"/>
        <source>Open now: the database file %1 on this computer.</source>
        <translation>Abierta ahora: el archivo de base de datos %1 en esta computadora.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/office_section.py" line="106"/>
        <source>No office server is saved on this computer.</source>
        <translation>No hay ningún servidor de oficina guardado en esta computadora.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/office_section.py" line="109"/>
        <source>; its password is in this computer&apos;s password store</source>
        <translation>; su contraseña está en el almacén de contraseñas de esta computadora</translation>
    </message>
    <message>
        <location filename="../../ui/pages/office_section.py" line="114"/>
        <source>Saved on this computer: %1%2.</source>
        <translation>Guardado en esta computadora: %1%2.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/office_section.py" line="142"/>
        <source>Type the server&apos;s address first, like %1.</source>
        <translation>Primero escriba la dirección del servidor, como %1.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/office_section.py" line="146"/>
        <source>Testing…</source>
        <translation>Probando…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/office_section.py" line="148"/>
        <source>Testing the connection…</source>
        <translation>Probando la conexión…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/office_section.py" line="158"/>
        <source>Saving the office server…</source>
        <translation>Guardando el servidor de la oficina…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/office_section.py" line="169"/>
        <source>Saved. Start the app with the line below to work on the office server.</source>
        <translation>Guardado. Abra la aplicación con la línea de abajo para trabajar en el servidor de la oficina.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/office_section.py" line="177"/>
        <source>Forgetting the office server…</source>
        <translation>Olvidando el servidor de la oficina…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/office_section.py" line="184"/>
        <source>This computer no longer remembers the office server.</source>
        <translation>Esta computadora ya no recuerda el servidor de la oficina.</translation>
    </message>
</context>
<context>
    <name>PartnersPage</name>
    <message>
        <location filename="../../ui/dialogs/partner_forms.py" line="35"/>
        <source>referred</source>
        <translation>referido</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/partner_forms.py" line="36"/>
        <source>contacted</source>
        <translation>contactado</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/partner_forms.py" line="37"/>
        <source>won</source>
        <translation>ganado</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/partner_forms.py" line="38"/>
        <source>lost</source>
        <translation>perdido</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/partner_forms.py" line="39"/>
        <source>paid</source>
        <translation>pagado</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="208"/>
        <source>%1 (inactive)</source>
        <translation>%1 (inactivo)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="213"/>
        <source>we sent</source>
        <translation>enviamos</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="213"/>
        <source>they sent</source>
        <translation>nos enviaron</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="232"/>
        <source>Partners owe us %1 (%2 overdue)  ·  We owe partners %3 (%4 overdue)</source>
        <translation>Los socios nos deben %1 (%2 vencido)  ·  Les debemos a los socios %3 (%4 vencido)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="287"/>
        <source>New partner</source>
        <translation>Nuevo socio</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="298"/>
        <source>Edit %1</source>
        <translation>Editar %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="313"/>
        <source>Delete partner</source>
        <translation>Borrar socio</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="314"/>
        <source>Delete %1? A partner with referrals on record is made inactive instead.</source>
        <translation>¿Borrar a %1? Un socio con referidos registrados se marca como inactivo en su lugar.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="317"/>
        <source>Delete</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="324"/>
        <source>Partner kept</source>
        <translation>Socio conservado</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="326"/>
        <source>%1 has referrals on record, so they were made inactive rather than deleted.</source>
        <translation>%1 tiene referidos registrados, así que se marcó como inactivo en lugar de borrarlo.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="335"/>
        <source>Which customer?</source>
        <translation>¿Qué cliente?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="336"/>
        <source>Find the customer of this referral with %1.</source>
        <translation>Busque al cliente de este referido con %1.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="337"/>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="344"/>
        <source>Referral with %1</source>
        <translation>Referido con %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="353"/>
        <source>Referral recorded</source>
        <translation>Referido registrado</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="366"/>
        <source>Referral status</source>
        <translation>Estado del referido</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="377"/>
        <source>Record a payment</source>
        <translation>Registrar un pago</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="377"/>
        <source>Select the referral the payment is for.</source>
        <translation>Seleccione el referido al que corresponde el pago.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="381"/>
        <source>Payment</source>
        <translation>Pago</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="401"/>
        <source>Change the commission</source>
        <translation>Cambiar la comisión</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="413"/>
        <source>Adding up referrals…</source>
        <translation>Sumando los referidos…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="438"/>
        <source>Statement for %1</source>
        <translation>Estado de cuenta de %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="451"/>
        <source>Referral slip</source>
        <translation>Hoja de referido</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="460"/>
        <source>Introduction letter</source>
        <translation>Carta de presentación</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../ui/dialogs/pdf_preview.py" line="53"/>
        <source>page</source>
        <translation>página</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pdf_preview.py" line="57"/>
        <source>Zoom in</source>
        <translation>Acercar</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pdf_preview.py" line="60"/>
        <source>Zoom out</source>
        <translation>Alejar</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pdf_preview.py" line="63"/>
        <source>Fit width</source>
        <translation>Ajustar al ancho</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pdf_preview.py" line="65"/>
        <source>Save a copy…</source>
        <translation>Guardar una copia…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pdf_preview.py" line="68"/>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pdf_preview.py" line="72"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pdf_preview.py" line="94"/>
        <source>Save a copy</source>
        <translation>Guardar una copia</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/pdf_preview.py" line="96"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="67"/>
        <source>This is what will happen</source>
        <translation>Esto es lo que va a pasar</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="71"/>
        <source>Dates are month/day/year (US)</source>
        <translation>Las fechas son mes/día/año (EE. UU.)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="72"/>
        <source>Dates are day/month/year</source>
        <translation>Las fechas son día/mes/año</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="97"/>
        <source>These rows may be customers you already have. Tick the ones that are the same customer; the others are added as new customers.</source>
        <translation>Estas filas podrían ser clientes que ya tiene. Marque las que sean el mismo cliente; las demás se agregan como clientes nuevos.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="122"/>
        <location filename="../../ui/dialogs/import_results.py" line="124"/>
        <source>Checking every row…</source>
        <translation>Revisando cada fila…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="141"/>
        <source>The first %1 rows are shown below.</source>
        <translation>Abajo se muestran las primeras %1 filas.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="177"/>
        <source>row %1</source>
        <translation>la fila %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="179"/>
        <source>a customer you have</source>
        <translation>un cliente que ya tiene</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="182"/>
        <source>Row %1: %2 may be %3, %4</source>
        <translation>Fila %1: %2 puede ser %3, %4</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="211"/>
        <source>Importing %1…</source>
        <translation>Importando %1…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="221"/>
        <source>Import %1</source>
        <translation>Importar %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="233"/>
        <source>new customer</source>
        <translation>cliente nuevo</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="234"/>
        <source>adds to an existing customer</source>
        <translation>se agrega a un cliente existente</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="235"/>
        <source>same customer as an earlier row</source>
        <translation>el mismo cliente que una fila anterior</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="236"/>
        <source>already there, nothing new</source>
        <translation>ya está, nada nuevo</translation>
    </message>
</context>
<context>
    <name>PrivacySection</name>
    <message>
        <location filename="../../ui/pages/privacy_section.py" line="31"/>
        <source>Privacy</source>
        <translation>Privacidad</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy_section.py" line="34"/>
        <source>When a customer asks what you keep about them, give them everything in one workbook. When they ask to be forgotten, erase them: their history goes, and they are never imported again or sent a letter.</source>
        <translation>Cuando un cliente pregunte qué datos guarda de él, entréguele todo en un solo libro de Excel. Cuando pida que lo olviden, bórrelo: su historial desaparece y nunca se vuelve a importar ni se le envía una carta.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy_section.py" line="39"/>
        <source>Export everything about one customer…</source>
        <translation>Exportar todo lo de un cliente…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy_section.py" line="42"/>
        <source>Erase a customer on request…</source>
        <translation>Borrar un cliente a petición suya…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy_section.py" line="58"/>
        <source>Export a customer&apos;s data</source>
        <translation>Exportar los datos de un cliente</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy_section.py" line="59"/>
        <source>Whose data? Everything stored about them goes into one workbook.</source>
        <translation>¿De quién son los datos? Todo lo guardado sobre esa persona va en un solo libro de Excel.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy_section.py" line="60"/>
        <location filename="../../ui/pages/privacy_section.py" line="84"/>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy_section.py" line="67"/>
        <source>Save %1&apos;s data</source>
        <translation>Guardar los datos de %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy_section.py" line="73"/>
        <source>Exporting…</source>
        <translation>Exportando…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy_section.py" line="76"/>
        <source>Everything about %1 was saved to %2.</source>
        <translation>Todo lo de %1 se guardó en %2.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy_section.py" line="82"/>
        <source>Erase a customer</source>
        <translation>Borrar un cliente para siempre</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy_section.py" line="83"/>
        <source>Who asked to be erased? If they also asked for their data, export it first.</source>
        <translation>¿Quién pidió que lo borraran? Si también pidió sus datos, expórtelos primero.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy_section.py" line="90"/>
        <source>Erase %1 and everything about them: sites, equipment, visits, sales, plans, contacts and opportunities. This can&apos;t be undone.

What stays is a one-way fingerprint of their phone numbers, e-mail addresses and name with postal code. It can&apos;t be turned back into their details; it only lets a later import recognise them and leave them out, so they are never brought back and no letter is ever sent to them.

Backups taken before today still hold them until they are rotated away (within a year).</source>
        <translation>Borrar a %1 y todo lo que se sabe de esta persona: direcciones, equipos, visitas, ventas, planes, contactos y oportunidades. Esto no se puede deshacer.

Solo queda una huella irreversible de sus teléfonos, correos electrónicos y nombre con código postal. No se puede convertir de nuevo en sus datos; solo permite que una importación posterior lo reconozca y lo deje fuera, para que nunca vuelva a entrar ni se le envíe ninguna carta.

Los respaldos hechos antes de hoy todavía contienen sus datos hasta que se eliminen en su turno (en menos de un año).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy_section.py" line="97"/>
        <source>Erase %1</source>
        <translation>Borrar a %1 para siempre</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy_section.py" line="97"/>
        <source>Erase for good</source>
        <translation>Borrar para siempre</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy_section.py" line="100"/>
        <source>Erasing…</source>
        <translation>Borrando…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy_section.py" line="108"/>
        <source>%1 was erased; a later import will leave them out.</source>
        <translation>%1 se borró; una importación posterior lo dejará fuera.</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <location filename="../../ui/pages/queue_page.py" line="101"/>
        <source>Find who is due</source>
        <translation>Buscar a quién le toca</translation>
    </message>
    <message>
        <location filename="../../ui/pages/queue_page.py" line="103"/>
        <source>Work out again who is due for what, from everything on record</source>
        <translation>Volver a calcular a quién le toca qué, con todo lo registrado</translation>
    </message>
    <message>
        <location filename="../../ui/pages/queue_page.py" line="106"/>
        <source>Print call sheet…</source>
        <translation>Imprimir hoja de llamadas…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/queue_page.py" line="147"/>
        <location filename="../../ui/pages/queue_page.py" line="225"/>
        <source>Alt+%1</source>
        <translation>Alt+%1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/queue_page.py" line="179"/>
        <source>Calls for %1 — working it out…</source>
        <translation>Llamadas del %1: calculando…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/queue_page.py" line="181"/>
        <source>Preparing today&apos;s calls…</source>
        <translation>Preparando las llamadas de hoy…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/queue_page.py" line="193"/>
        <source>Calls for %1: %2</source>
        <translation>Llamadas del %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/queue_page.py" line="196"/>
        <source>nobody is due right now</source>
        <translation>ahora no le toca a nadie</translation>
    </message>
    <message>
        <location filename="../../ui/pages/queue_page.py" line="200"/>
        <source>more waits</source>
        <translation>espera más</translation>
    </message>
    <message>
        <location filename="../../ui/pages/queue_page.py" line="200"/>
        <source>more wait</source>
        <translation>esperan más</translation>
    </message>
    <message>
        <location filename="../../ui/pages/queue_page.py" line="201"/>
        <source> (%1 for the next days)</source>
        <translation> (%1 para los próximos días)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/queue_page.py" line="203"/>
        <source>call</source>
        <translation>llamada</translation>
    </message>
    <message>
        <location filename="../../ui/pages/queue_page.py" line="204"/>
        <source>; %1 left out: their calling hours are over for today</source>
        <translation>; %1 fuera: su horario para llamar ya terminó hoy</translation>
    </message>
    <message>
        <location filename="../../ui/pages/queue_page.py" line="220"/>
        <source>Pick a call in the list.</source>
        <translation>Elija una llamada de la lista.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/queue_page.py" line="229"/>
        <source>Marks “%1” won (%2); the customer&apos;s other reasons are marked contacted</source>
        <translation>Marca “%1” como ganada (%2); los demás motivos del cliente quedan como contactados</translation>
    </message>
    <message>
        <location filename="../../ui/pages/queue_page.py" line="261"/>
        <source>Log call with %1: %2</source>
        <translation>Registrar llamada con %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/queue_page.py" line="270"/>
        <source>Working out who is due for what…</source>
        <translation>Calculando a quién le toca qué…</translation>
    </message>
</context>
<context>
    <name>ReferralReportDialog</name>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="89"/>
        <source>Referral income and cost</source>
        <translation>Ingresos y costos de referidos</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="108"/>
        <source>sent</source>
        <translation>enviados</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="108"/>
        <source>got</source>
        <translation>recibidos</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="108"/>
        <source>won</source>
        <translation>ganados</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="108"/>
        <source>income</source>
        <translation>ingresos</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="108"/>
        <source>cost</source>
        <translation>costo</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="109"/>
        <source>net</source>
        <translation>neto</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="113"/>
        <source>By partner</source>
        <translation>Por socio</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="114"/>
        <source>By trade</source>
        <translation>Por oficio</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="115"/>
        <source>By year</source>
        <translation>Por año</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="122"/>
        <source>customers</source>
        <translation>clientes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="122"/>
        <source>bought again</source>
        <translation>recompraron</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="122"/>
        <source>rate</source>
        <translation>tasa</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="122"/>
        <source>sales</source>
        <translation>ventas</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners_page.py" line="125"/>
        <source>Do the customers they send us stay and buy again?</source>
        <translation>¿Los clientes que nos envían se quedan y vuelven a comprar?</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="261"/>
        <source>Imported</source>
        <translation>Importados</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="268"/>
        <source>Save the report as a workbook…</source>
        <translation>Guardar el informe como libro de Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="270"/>
        <source>Undo this import</source>
        <translation>Deshacer esta importación</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="287"/>
        <source>Row %1: not imported: %2</source>
        <translation>Fila %1: no importada: %2</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="298"/>
        <source>… and %1 more: save the report as a workbook to see them all.</source>
        <translation>… y %1 más: guarde el informe como libro de Excel para verlos todos.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="304"/>
        <source>Rows not imported and values that need a look:</source>
        <translation>Filas no importadas y valores que conviene revisar:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="306"/>
        <source>Every row was imported as it was.</source>
        <translation>Cada fila se importó tal como estaba.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_results.py" line="313"/>
        <source>Save the report</source>
        <translation>Guardar el informe</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="36"/>
        <source>Daily</source>
        <translation>Diario</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="37"/>
        <source>Backed up by you</source>
        <translation>Respaldado por usted</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="38"/>
        <source>Before an import</source>
        <translation>Antes de una importación</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="39"/>
        <source>Before a restore</source>
        <translation>Antes de una restauración</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="40"/>
        <source>Before an upgrade</source>
        <translation>Antes de una actualización</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="55"/>
        <source>Before %1</source>
        <translation>Antes de: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="75"/>
        <source>can&apos;t be read</source>
        <translation>no se puede leer</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="86"/>
        <source>Restore a backup</source>
        <translation>Restaurar un respaldo</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="91"/>
        <source>Choose the backup to put back. Your data as it is now is backed up first, so the restore itself can be undone. This database&apos;s backups in %1:</source>
        <translation>Elija el respaldo que desea restaurar. Primero se respaldan sus datos tal como están ahora, así que la restauración también se puede deshacer. Respaldos de esta base de datos en %1:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="99"/>
        <source>Taken</source>
        <translation>Hecho</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="100"/>
        <source>Why</source>
        <translation>Por qué</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="101"/>
        <source>Customers</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="102"/>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="118"/>
        <source>This database has no backups in that folder yet; use “Other file…” to pick one.</source>
        <translation>Esta base de datos todavía no tiene respaldos en esa carpeta; use “Otro archivo…” para elegir uno.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="125"/>
        <source>Other file…</source>
        <translation>Otro archivo…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="128"/>
        <source>Restore this backup…</source>
        <translation>Restaurar este respaldo…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="164"/>
        <source>Restore from a backup file</source>
        <translation>Restaurar desde un archivo de respaldo</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="166"/>
        <source>Backups (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation>Respaldos (*.sqlite3 *.sqlite *.db);;Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>RestorePage</name>
    <message>
        <location filename="../../ui/dialogs/import_restore.py" line="30"/>
        <source>This is a complete Customers for Life export</source>
        <translation>Esta es una exportación completa de Customers for Life</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_restore.py" line="33"/>
        <source>Importing it brings back everything it holds: customers, sites and equipment, visits, sales, plans, contacts, partners and referrals, campaigns, the catalog, your settings and letters, and the opportunities with what you decided about them.</source>
        <translation>Al importarla vuelve todo lo que contiene: clientes, direcciones y equipos, visitas, ventas, planes, contactos, socios y referidos, campañas, el catálogo, su configuración y sus cartas, y las oportunidades con lo que decidió sobre ellas.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_restore.py" line="43"/>
        <source>Import only its customers, sites and equipment instead</source>
        <translation>Importar solo sus clientes, direcciones y equipos</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_restore.py" line="57"/>
        <source>Reading and checking every sheet…</source>
        <translation>Leyendo y revisando cada hoja…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_restore.py" line="60"/>
        <source>Checking %1…</source>
        <translation>Revisando %1…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_restore.py" line="64"/>
        <source>Cancelled: go back and pick the file again.</source>
        <translation>Cancelado: regrese y elija el archivo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_restore.py" line="69"/>
        <source>This is what will be restored, into this empty database:</source>
        <translation>Esto es lo que se restaurará en esta base de datos vacía:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_restore.py" line="92"/>
        <source>Restoring %1…</source>
        <translation>Restaurando %1…</translation>
    </message>
</context>
<context>
    <name>RestoredPage</name>
    <message>
        <location filename="../../ui/dialogs/import_restore.py" line="109"/>
        <source>Restored</source>
        <translation>Restaurado</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_restore.py" line="120"/>
        <source>Everything in %1 is back, as it was when it was exported:</source>
        <translation>Todo lo que había en %1 está de vuelta, tal como estaba al exportarlo:</translation>
    </message>
</context>
<context>
    <name>SegmentDialog</name>
    <message>
        <location filename="../../ui/dialogs/catalog_forms.py" line="222"/>
        <source>Each line prints as one point on the call sheet</source>
        <translation>Cada línea se imprime como un punto en la hoja de llamadas</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="36"/>
        <source>Save settings</source>
        <translation>Guardar configuración</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="42"/>
        <source>Not read from the database yet.</source>
        <translation>Todavía no se ha leído de la base de datos.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="50"/>
        <source>&lt;h2&gt;Settings&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Configuración&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="86"/>
        <source>The settings have not been read from the database yet, so nothing was saved. Open the Settings page again and make your changes there.</source>
        <translation>La configuración todavía no se ha leído de la base de datos, así que no se guardó nada. Abra de nuevo la página Configuración y haga allí sus cambios.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="96"/>
        <source>Nothing to save: no setting was changed.</source>
        <translation>Nada que guardar: no se cambió ninguna opción.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="104"/>
        <source>Change %1</source>
        <translation>Cambiar %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="118"/>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="130"/>
        <source>Changes not saved yet.</source>
        <translation>Cambios aún sin guardar.</translation>
    </message>
</context>
<context>
    <name>SheetPage</name>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="99"/>
        <source>Which sheet?</source>
        <translation>¿Qué hoja?</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="114"/>
        <source>hidden</source>
        <translation>oculta</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="116"/>
        <source>empty</source>
        <translation>vacía</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="130"/>
        <source>Reading %1…</source>
        <translation>Leyendo %1…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="151"/>
        <source>an Excel workbook</source>
        <translation>un libro de Excel</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="152"/>
        <source>an Excel 97–2003 workbook</source>
        <translation>un libro de Excel 97–2003</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="153"/>
        <source>an Excel binary workbook</source>
        <translation>un libro binario de Excel</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="154"/>
        <source>an OpenDocument spreadsheet</source>
        <translation>una hoja de cálculo OpenDocument</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="155"/>
        <source>a text (CSV) file</source>
        <translation>un archivo de texto (CSV)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="157"/>
        <source>a spreadsheet</source>
        <translation>una hoja de cálculo</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="163"/>
        <source>%1 is %2 with one sheet; it is read as it is.</source>
        <translation>%1 es %2 con una sola hoja; se lee tal como está.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_wizard.py" line="165"/>
        <source>%1 is %2 with %3 sheets. The first visible sheet with data is chosen; hidden and empty sheets are marked.</source>
        <translation>%1 es %2 con %3 hojas. Se elige la primera hoja visible con datos; las hojas ocultas y vacías están marcadas.</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <location filename="../../ui/tasks.py" line="133"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../ui/tasks.py" line="134"/>
        <source>Working…</source>
        <translation>Trabajando…</translation>
    </message>
    <message>
        <location filename="../../ui/tasks.py" line="140"/>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../ui/pages/welcome_page.py" line="17"/>
        <source>a believable HVAC and plumbing shop with twenty years of customers, their equipment, visits, plans and letters</source>
        <translation>un taller de climatización y plomería creíble, con veinte años de clientes, sus equipos, visitas, planes y cartas</translation>
    </message>
    <message>
        <location filename="../../ui/pages/welcome_page.py" line="32"/>
        <source>&lt;h1&gt;Welcome to Customers for Life&lt;/h1&gt;</source>
        <translation>&lt;h1&gt;Bienvenido a Customers for Life&lt;/h1&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/welcome_page.py" line="42"/>
        <source> customers</source>
        <translation> clientes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/welcome_page.py" line="43"/>
        <source>How many customers the demo business has when it is built.</source>
        <translation>Cuántos clientes tiene el negocio de demostración al crearlo.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/welcome_page.py" line="45"/>
        <source>Build the demo business</source>
        <translation>Crear el negocio de demostración</translation>
    </message>
    <message>
        <location filename="../../ui/pages/welcome_page.py" line="45"/>
        <source>Try the demo (opens separately)</source>
        <translation>Probar la demostración (se abre aparte)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/welcome_page.py" line="53"/>
        <source>Import a spreadsheet…</source>
        <translation>Importar una hoja de cálculo…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/welcome_page.py" line="93"/>
        <source>Keep every customer for life: what they own and how old it is, every visit and every contact, and who is due for what — and why now.</source>
        <translation>Conserve a cada cliente de por vida: lo que tiene y su antigüedad, cada visita y cada contacto, y a quién le toca qué, y por qué ahora.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/welcome_page.py" line="103"/>
        <source>Start with my first customer</source>
        <translation>Empezar con mi primer cliente</translation>
    </message>
    <message>
        <location filename="../../ui/pages/welcome_page.py" line="103"/>
        <source>Add a customer</source>
        <translation>Agregar un cliente</translation>
    </message>
    <message>
        <location filename="../../ui/pages/welcome_page.py" line="109"/>
        <source>To look around first, try the demo: %1. It opens in a separate window on its own demo file, so nothing of it ever comes into your database.</source>
        <translation>Para explorar primero, pruebe la demostración: %1. Se abre en otra ventana con su propio archivo de demostración, así que nada de ella llega a su base de datos.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/welcome_page.py" line="114"/>
        <source>Your database is empty. Bring in the customer list you already keep (Excel or CSV, from QuickBooks, Jobber, Housecall Pro, ServiceTitan or by hand), or start with your first customer.</source>
        <translation>Su base de datos está vacía. Traiga la lista de clientes que ya tiene (Excel o CSV, de QuickBooks, Jobber, Housecall Pro, ServiceTitan o hecha a mano) o empiece con su primer cliente.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/welcome_page.py" line="120"/>
        <source>Your database holds %1. Bring in more from a spreadsheet (customers already here are matched, not doubled), or add a customer by hand.</source>
        <translation>Su base de datos tiene %1. Traiga más desde una hoja de cálculo (los clientes que ya están se reconocen, no se duplican) o agregue un cliente a mano.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/welcome_page.py" line="122"/>
        <location filename="../../ui/pages/welcome_page.py" line="135"/>
        <source>customer</source>
        <translation>cliente</translation>
    </message>
    <message>
        <location filename="../../ui/pages/welcome_page.py" line="128"/>
        <source>This is the demo: a database of its own, not yours. Build the demo business (%1) and look around; nothing done here reaches your own customers.</source>
        <translation>Esta es la demostración: una base de datos propia, no la suya. Cree el negocio de demostración (%1) y explore; nada de lo que haga aquí llega a sus propios clientes.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/welcome_page.py" line="132"/>
        <source>This is the demo: %1 made up for it, in a database of its own. None of them are your customers; change anything you like, your own database is not touched. To work on your own customers, close this window.</source>
        <translation>Esta es la demostración: %1 inventados para ella, en una base de datos propia. Ninguno es cliente suyo; cambie lo que quiera, su propia base de datos no se toca. Para trabajar con sus propios clientes, cierre esta ventana.</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../ui/messages.py" line="36"/>
        <source>The details were written to %1.</source>
        <translation>Los detalles se guardaron en %1.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="39"/>
        <source>Sorry, something went wrong. Your data is safe; the last action was not completed.</source>
        <translation>Lo sentimos, algo salió mal. Sus datos están a salvo; la última acción no se completó.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="50"/>
        <source>Cannot do that</source>
        <translation>No se puede hacer eso</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="53"/>
        <source>Something went wrong</source>
        <translation>Algo salió mal</translation>
    </message>
</context>
<context>
    <name>print_output</name>
    <message>
        <location filename="../../ui/print_output.py" line="82"/>
        <source>&amp;Print</source>
        <translation>&amp;Imprimir</translation>
    </message>
    <message>
        <location filename="../../ui/print_output.py" line="253"/>
        <source>Sent to %1 (job %2).</source>
        <translation>Enviado a %1 (trabajo %2).</translation>
    </message>
    <message>
        <location filename="../../ui/print_output.py" line="255"/>
        <source>Saved to %1.</source>
        <translation>Guardado en %1.</translation>
    </message>
    <message>
        <location filename="../../ui/print_output.py" line="258"/>
        <source>%2 sent to %1.</source>
        <translation>Se envió a %1: %2.</translation>
    </message>
    <message>
        <location filename="../../ui/print_output.py" line="287"/>
        <source>Printing %1…</source>
        <translation>Imprimiendo %1…</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <location filename="../../ui/printing.py" line="39"/>
        <source>Some records were left out</source>
        <translation>Algunos registros quedaron fuera</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="42"/>
        <source>Printed, with warnings</source>
        <translation>Impreso, con advertencias</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="46"/>
        <source>Preparing %1…</source>
        <translation>Preparando %1…</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="55"/>
        <source>… and %1 more</source>
        <translation>… y %1 más</translation>
    </message>
</context>
</TS>
