/** Workshop kits: validation issues (shown to facilitators and kit authors) and the kit:check tool. */
export const kits = {
	// Fields of kit.json ({path} is the key path, e.g. agendas[0].title).
	'kits.issue.required': 'Le champ {path} est obligatoire, mais il est absent.',
	'kits.issue.unknownField': 'Le champ {path} n’existe pas dans le format des trousses (faute de frappe ?). Retirez-le ou corrigez son nom.',
	'kits.issue.expectedText': 'Le champ {path} doit être un texte entre guillemets (reçu : {value}).',
	'kits.issue.expectedNumber': 'Le champ {path} doit être un nombre (reçu : {value}).',
	'kits.issue.expectedBoolean': 'Le champ {path} doit valoir true ou false (reçu : {value}).',
	'kits.issue.expectedList': 'Le champ {path} doit être une liste entre crochets [ ] (reçu : {value}).',
	'kits.issue.expectedObject': 'Le champ {path} doit être un objet entre accolades { } (reçu : {value}).',
	'kits.issue.integerRange': 'Le champ {path} doit être un nombre entier entre {min} et {max} (reçu : {value}).',
	'kits.issue.integer': 'Le champ {path} doit être un nombre entier (reçu : {value}).',
	'kits.issue.minValue': 'Le champ {path} doit valoir au moins {min} (reçu : {value}).',
	'kits.issue.maxValue': 'Le champ {path} doit valoir au plus {max} (reçu : {value}).',
	'kits.issue.minItems': 'La liste {path} doit contenir au moins {min, plural, one {# élément} other {# éléments}} (elle en contient {count}).',
	'kits.issue.maxItems': 'La liste {path} peut contenir au plus {max, plural, one {# élément} other {# éléments}} (elle en contient {count}).',
	'kits.issue.maxLength': 'Le texte {path} dépasse la longueur permise : {count} caractères pour un maximum de {max}.',
	'kits.issue.empty': 'Le champ {path} ne peut pas être vide.',
	'kits.issue.emptyText': 'Le texte {path} est vide : écrivez-le au moins dans la langue principale de la trousse.',
	'kits.issue.notAllowed': 'Le champ {path} a une valeur non permise : {value}. Valeurs possibles : {options}.',
	'kits.issue.badFormat': 'Le champ {path} n’a pas le bon format (reçu : {value}).',
	'kits.issue.invalidValue': 'Le champ {path} a une valeur invalide (reçu : {value}).',
	'kits.issue.id': 'Le champ {path} (« {value} ») doit être un identifiant : il peut contenir seulement des lettres minuscules sans accents, des chiffres et des traits d’union, sans trait d’union au début ni à la fin (64 caractères au plus).',
	'kits.issue.path': 'Le chemin de fichier « {value} » ({path}) n’est pas permis : utilisez un chemin relatif au dossier de la trousse, avec des barres obliques /, sans espaces, sans accents ni « .. ».',
	'kits.issue.url': 'Le champ {path} (« {value} ») doit être une adresse web complète commençant par http:// ou https://.',
	'kits.issue.version': 'Le champ {path} (« {value} ») doit avoir la forme 1.0.0 (trois nombres séparés par des points).',
	'kits.issue.format': 'Le champ {path} doit valoir 1 : cette version de Tablée lit seulement le format de trousse 1 (reçu : {value}).',
	'kits.issue.locale': 'La langue « {value} » ({path}) n’est pas prise en charge. Langues possibles : {options}.',
	'kits.issue.duplicateLanguage': 'La liste {path} nomme la même langue deux fois.',
	'kits.issue.activityKind': 'Le type d’activité « {value} » ({path}) n’existe pas. Types possibles : {options}.',
	'kits.issue.moreIssues': '… et {count, plural, one {# autre problème} other {# autres problèmes}} dans ce fichier.',

	// Cross-references between parts of the kit.
	'kits.issue.duplicateId': 'L’identifiant « {id} » ({path}) est déjà utilisé plus haut dans la même liste : chaque identifiant doit être unique.',
	'kits.issue.unknownStation': 'L’activité fait référence à la station « {id} » ({path}), qui n’existe pas dans la liste stations.',
	'kits.issue.unknownReference': 'L’activité fait référence aux données « {id} » ({path}), qui n’existent pas dans la liste references.',
	'kits.issue.unknownTerm': 'Le terme lié « {id} » ({path}) n’existe pas dans le glossaire.',
	'kits.issue.needsGrid': 'Une activité « card-game » ({path}) demande une grille réflexive : ajoutez la section grid.',
	'kits.issue.needsCases': 'Une activité « cases » ({path}) demande au moins un cas dans la liste cases.',
	'kits.issue.needsReference': 'Une activité « registry » ({path}) doit nommer les données à afficher dans son champ reference.',
	'kits.issue.needsCheckin': 'Une activité « checkin » ({path}) demande une section checkin (question et échelle).',
	'kits.issue.needsPosters': 'Une activité « gallery » ({path}) demande au moins une affiche dans la liste posters.',
	'kits.issue.gridKeep': 'La grille demande de garder {keep} cartes (grid.keep), mais il n’y a que {cards, plural, one {# carte} other {# cartes}} et {blank, plural, one {# carte vierge} other {# cartes vierges}}.',
	'kits.issue.missingPrimaryLanguage': 'Le texte {path} doit exister dans la langue principale de la trousse ({language}).',
	'kits.issue.undeclaredLanguage': 'Le texte {path} est dans une langue ({language}) que la trousse ne déclare pas dans languages : ajoutez la langue ou retirez ce texte.',

	// Files of the kit.
	'kits.issue.manifestMissing': 'Le fichier kit.json est introuvable à la racine de la trousse.',
	'kits.issue.jsonSyntax': 'Le fichier n’est pas du JSON valide : erreur à la ligne {line}, colonne {column} (virgule, guillemet ou accolade en trop ou manquant ?).',
	'kits.issue.jsonSyntaxNoPosition': 'Le fichier n’est pas du JSON valide (virgule, guillemet ou accolade en trop ou manquant ?).',
	'kits.issue.encoding': 'Le fichier n’est pas encodé en UTF-8 : enregistrez-le en UTF-8 dans votre éditeur.',
	'kits.issue.fileMissing': 'Le fichier « {target} » ({path}) est introuvable dans la trousse.',
	'kits.issue.fileTooLarge': 'Le fichier est trop gros : {size} octets pour un maximum de {max} octets.',
	'kits.issue.kitTooLarge': 'La trousse est trop grosse : {size} octets au total pour un maximum de {max} octets.',
	'kits.issue.tooManyFiles': 'La trousse contient trop de fichiers : {count} pour un maximum de {max}.',
	'kits.issue.fileName': 'Le nom de fichier « {target} » n’est pas permis : utilisez seulement des lettres sans accents, des chiffres, des traits d’union, des traits bas et des points, sans espaces, et des barres obliques / entre les dossiers.',
	'kits.issue.pathTooLong': 'Le chemin « {target} » est trop long ({max} caractères au plus).',
	'kits.issue.pathTooDeep': 'Le chemin « {target} » a trop de dossiers imbriqués ({max} niveaux au plus, nom du fichier compris).',
	'kits.issue.imageType': 'Ce fichier n’est pas une image acceptée ou son contenu ne correspond pas à son extension. Formats acceptés : {extensions}.',
	'kits.issue.symlink': 'L’élément « {target} » est un lien symbolique : les trousses ne peuvent contenir que des fichiers ordinaires.',
	'kits.issue.readError': 'Impossible de lire « {target} » : vérifiez que le chemin existe et que vous avez le droit de le lire.',

	// Markdown.
	'kits.issue.markdownHtml': 'Le texte {path} contient du HTML (« {snippet} ») : utilisez seulement la syntaxe Markdown.',
	'kits.issue.markdownTerm': 'Le texte {path} renvoie au terme « {id} » (lien glossaire:{id}), qui n’existe pas dans le glossaire.',
	'kits.issue.markdownLink': 'Le lien « {target} » du texte {path} n’est pas permis : seuls les liens http://, https://, mailto: et glossaire:<identifiant> sont acceptés.',
	'kits.issue.markdownRemoteImage': 'L’image « {target} » du texte {path} vient d’Internet : les images doivent être des fichiers de la trousse (par exemple assets/photo.png).',
	'kits.issue.markdownImagePath': 'Le chemin d’image « {target} » du texte {path} n’est pas permis : utilisez un chemin relatif à la racine de la trousse (par exemple assets/photo.png).',

	// Reference data (CSV).
	'kits.issue.csvEmpty': 'Le fichier CSV est vide : il lui faut au moins une ligne d’en-tête.',
	'kits.issue.csvHeader': 'L’en-tête du fichier CSV doit contenir exactement les colonnes déclarées ({expected}) ; il contient : {found}.',
	'kits.issue.csvFieldCount': 'La ligne {row} du fichier CSV a {count} valeurs au lieu de {expected} (une virgule en trop ou un texte à mettre entre guillemets ?).',
	'kits.issue.csvQuote': 'Guillemet mal placé à la ligne {line} du fichier CSV : un texte qui contient un guillemet doit être entre guillemets, et ses guillemets doublés ("").',
	'kits.issue.csvUnclosedQuote': 'Un guillemet ouvert à la ligne {line} du fichier CSV n’est jamais refermé.',
	'kits.issue.csvTooManyRows': 'Le fichier CSV a {count} lignes de données pour un maximum de {max}.',

	// Zip archives.
	'kits.issue.zipTooLarge': 'Le fichier zip est trop gros : {size} octets pour un maximum de {max} octets.',
	'kits.issue.zipNotZip': 'Ce fichier n’est pas une archive zip lisible.',
	'kits.issue.zipCorrupt': 'L’archive zip est endommagée ou incomplète : téléchargez-la ou créez-la de nouveau.',
	'kits.issue.zipUnsupported': 'L’archive zip utilise une option non prise en charge (Zip64, archive en plusieurs parties ou compression autre que Deflate) : créez-la de nouveau avec un outil standard.',
	'kits.issue.zipEncrypted': 'Le fichier « {target} » de l’archive est protégé par mot de passe : les trousses ne peuvent pas être chiffrées.',
	'kits.issue.zipTraversal': 'Le chemin « {target} » de l’archive contient « .. » et pourrait sortir du dossier de la trousse : archive refusée.',
	'kits.issue.zipAbsolutePath': 'Le chemin « {target} » de l’archive est absolu : les chemins doivent être relatifs au dossier de la trousse.',
	'kits.issue.zipBackslash': 'Le chemin « {target} » de l’archive contient une barre oblique inversée \\ : utilisez des barres obliques /.',
	'kits.issue.zipDuplicate': 'Le fichier « {target} » apparaît deux fois dans l’archive.',
	'kits.issue.zipBomb': 'Ce fichier se décompresse de façon anormale (plus de {ratio} fois sa taille compressée) : archive refusée par prudence.',

	// Kits bundled with the app (build and dev server).
	'kits.bundle.failed': '{count, plural, one {# problème empêche} other {# problèmes empêchent}} d’intégrer les trousses de workshop-kits/ :',
	'kits.bundle.duplicateId': 'L’identifiant de trousse « {id} » est déjà utilisé par workshop-kits/{other}.',
	'kits.bundle.pending': 'workshop-kits/{folder} n’a pas encore de kit.json : cette trousse n’est pas intégrée.',

	// kit:check command.
	'kits.check.usage': 'Usage : npm run kit:check <dossier-ou-zip> [autres…]',
	'kits.check.valid': '✓ {source} : trousse « {id} » version {version} valide ({agendas, plural, one {# déroulement} other {# déroulements}}, {posters, plural, one {# affiche} other {# affiches}}, {terms, plural, one {# terme} other {# termes}}, {stations, plural, one {# station} other {# stations}}, {cards, plural, one {# carte} other {# cartes}}, {cases, plural, one {# cas} other {# cas}}, {files, plural, one {# fichier} other {# fichiers}}).',
	'kits.check.invalid': '✗ {source} : {count, plural, one {# problème} other {# problèmes}} à corriger.'
} as const;
